using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.Itr.ItrHarness;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

/// <summary>Bad input on an open UDP port is normal: counted, dropped, never thrown.</summary>
public class ItrRobustnessTests
{
    [Fact]
    public void Receive_RandomGarbage_CountedNeverThrows()
    {
        var itr = new ItrHarness();
        var random = new Random(9301);

        for (var i = 0; i < 3000; i++)
        {
            var payload = new byte[random.Next(0, 200)];
            random.NextBytes(payload);
            if (payload.Length > 0 && i % 2 == 0)
            {
                payload[0] = (byte)((payload[0] & 0x0F) | (random.Next(1, 3) << 4)); // many Map-Requests and Map-Replies
            }

            itr.Deliver(payload);
        }

        itr.Run(TimeSpan.FromSeconds(20));
        Assert.Equal(3000, itr[ItrCounter.DatagramsReceived]);
        Assert.True(itr[ItrCounter.MalformedDropped] > 2500);
        Assert.Equal(3000, itr[ItrCounter.MalformedDropped] + itr[ItrCounter.UnsupportedDropped] + itr[ItrCounter.UnknownNonceDropped] + itr[ItrCounter.SmrsReceived]);
    }

    [Fact]
    public void Receive_ReplyTruncatedAtEveryLength_MalformedAndNothingCached()
    {
        var itr = new ItrHarness();
        var request = itr.Miss("10.1.2.3").Request;
        var reply = Reply(request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100), ("2001:db8::1", 2, 100))).ToArray();

        for (var length = 0; length < reply.Length; length++)
        {
            itr.Deliver(reply[..length]);
        }

        Assert.Equal(reply.Length, itr[ItrCounter.MalformedDropped]);
        Assert.Empty(itr.Itr.MapCache);
        Assert.Single(itr.Itr.PendingRequests); // the real reply can still come
        itr.Deliver(reply);
        Assert.Single(itr.Itr.MapCache);
    }

    [Fact]
    public void Receive_RecordsAndLocatorsOfUnsupportedKinds_SkippedAndCounted()
    {
        var itr = new ItrHarness();
        var request = itr.Miss("10.1.2.3").Request;
        var macRecord = new EidRecord(new MacAddress(0x0011_2233_4455), 48, 60, new[] { new LocatorRecord(new InetAddress(IPAddress.Parse("203.0.113.10"))) });
        var nameLocator = new LocatorRecord(new DistinguishedName("etr.example"), 1, 100);
        var positive = Record("10.1.0.0/16", 60, [nameLocator, new LocatorRecord(new InetAddress(IPAddress.Parse("203.0.113.11")), 1, 100)], MapReplyAction.NoAction);

        itr.Deliver(Reply(request.Nonce, macRecord, positive));

        var entry = Assert.Single(itr.Itr.MapCache);
        Assert.Equal(IPAddress.Parse("203.0.113.11"), Assert.Single(entry.Locators).Address);
        Assert.Equal(1, itr[ItrCounter.RecordsRejected]);
        Assert.Equal(1, itr[ItrCounter.LocatorsSkipped]);
    }

    [Fact]
    public void Receive_MessagesAnItrDoesNotHandle_CountedAsUnsupported()
    {
        var itr = new ItrHarness();
        var inner = Smr("10.1.2.3/32") with { SolicitMapRequest = false };

        itr.Deliver(new EncapsulatedControlMessage(RlocV4, IPAddress.Parse("10.1.2.3"), 4342, 4342, inner));
        itr.Deliver(new MapReferral(1, []));

        Assert.Equal(2, itr[ItrCounter.UnsupportedDropped]);
        Assert.Empty(itr.Sender.Sent);
    }

    [Fact]
    public void Receive_CacheFull_FurtherRecordsRejected()
    {
        var itr = new ItrHarness(o => o with { MaxCacheEntries = 1 });
        var request = itr.Miss("10.1.2.3").Request;

        itr.Deliver(Reply(request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100)), Positive("10.2.0.0/16", 60, ("203.0.113.10", 1, 100))));

        Assert.Single(itr.Itr.MapCache);
        Assert.Equal(1, itr[ItrCounter.RecordsRejected]);
    }
}
