using Loci.Bench.Load;
using Loci.Wire;

namespace Loci.Tests.Bench;

public class ReplyClassifierTests
{
    private static readonly EidRecord Positive = new(InetAddress.Parse("10.1.0.0"), 24, 1440, new[] { new LocatorRecord(InetAddress.Parse("192.0.2.1")) });
    private static readonly EidRecord Negative = new(InetAddress.Parse("10.1.0.0"), 24, 1, EquatableArray<LocatorRecord>.Empty, MapReplyAction.NativelyForward);

    [Fact]
    public void Classify_EachReplyType_KindAndNonce()
    {
        using var key = AuthenticationKey.FromPassword("k");
        var cases = new (byte[] Datagram, ReplyKind Kind)[]
        {
            (new MapReply(11, new[] { Positive }).ToArray(), ReplyKind.Positive),
            (new MapReply(12, new[] { Negative }).ToArray(), ReplyKind.Negative),
            (new MapReply(13, EquatableArray<EidRecord>.Empty).ToArray(), ReplyKind.Negative),
            (new MapReferral(14, new[] { new ReferralRecord(InetAddress.Parse("10.0.0.0"), 8, 1, ReferralAction.NotAuthoritative, EquatableArray<LocatorRecord>.Empty) }).ToArray(), ReplyKind.Referral),
            (new MapNotify(15, new[] { Positive }).ToSignedArray(key), ReplyKind.Notify),
        };
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(cases[i].Kind, ReplyClassifier.Classify(cases[i].Datagram, out var nonce));
            Assert.Equal((ulong)(11 + i), nonce);
        }
    }

    [Fact]
    public void Classify_RequestsTruncationAndGarbage_Other()
    {
        var reply = new MapReply(11, new[] { Positive }).ToArray();
        Assert.Equal(ReplyKind.Other, ReplyClassifier.Classify(reply[..^1], out _)); // a Map-Reply must parse whole
        Assert.Equal(ReplyKind.Other, ReplyClassifier.Classify(reply[..11], out _));
        Assert.Equal(ReplyKind.Other, ReplyClassifier.Classify([], out _));
        var request = new MapRequest(1, LispAddress.None, new LispAddress[] { InetAddress.Parse("127.0.0.1") }, new[] { new MapRequestRecord(InetAddress.Parse("10.0.0.1"), 32) });
        Assert.Equal(ReplyKind.Other, ReplyClassifier.Classify(request.ToArray(), out _));
    }
}
