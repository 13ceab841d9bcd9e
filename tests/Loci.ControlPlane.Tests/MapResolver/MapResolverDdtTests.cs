using System.Net;
using Loci.ControlPlane.MapResolvers;
using Loci.ControlPlane.Tests.Support;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.MapResolver.DdtMessages;
using Resolver = Loci.ControlPlane.MapResolvers.MapResolver;

namespace Loci.ControlPlane.Tests.MapResolver;

public class MapResolverDdtTests
{
    private readonly RecordingSender _sender = new();
    private readonly ManualTimeProvider _clock = new();

    private Resolver NewResolver(Func<MapResolverOptions, MapResolverOptions>? configure = null)
    {
        var options = new MapResolverOptions { Mode = MapResolverMode.Ddt, DdtRoots = [Root] };
        return new Resolver(configure is null ? options : configure(options), _sender, _clock);
    }

    /// <summary>Walks 10.1.0.7 root → node → Map-Server → MS-ACK, feeding each answer back.</summary>
    private void Walk(Resolver resolver, ulong nonce, string eid = "10.1.0.7")
    {
        Deliver(resolver, ItrEcm(nonce, eid), Itr);
        Deliver(resolver, Referral(nonce, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);
        Deliver(resolver, Referral(nonce, "10.1.0.0/16", ReferralAction.MsReferral, 1440, "127.0.0.20"), Node);
        Deliver(resolver, Referral(nonce, "10.1.0.0/24", ReferralAction.MsAck, 1440, "127.0.0.20"), MsEndpoint);
    }

    [Fact]
    public void Receive_FullWalk_EachHopIsTheItrRequestWithDBitToTheReferredNode()
    {
        var resolver = NewResolver();

        Walk(resolver, 0xC0FFEE);

        var sent = _sender.Messages;
        Assert.Equal([Root, Node, MsEndpoint], sent.Select(s => s.Destination));
        foreach (var (_, message) in sent)
        {
            var ecm = Assert.IsType<EncapsulatedControlMessage>(message);
            Assert.True(ecm.DdtOriginated);
            Assert.False(ecm.ToMapServer);
            Assert.Equal(Itr.Address, ecm.InnerSource);
            Assert.Equal((ushort)Itr.Port, ecm.InnerSourcePort);
            Assert.Equal(0xC0FFEEUL, Assert.IsType<MapRequest>(ecm.Inner).Nonce);
        }

        Assert.Empty(resolver.PendingRequests);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.MsAcks]);
        Assert.Equal(0, resolver.Counters[MapResolverCounter.NegativeRepliesSent]);
        Assert.Equal(["10.0.0.0/8", "10.1.0.0/16"], resolver.ReferralCache.Select(e => e.Prefix.ToString()));
        Assert.Equal(ReferralCacheKind.MsReferral, resolver.ReferralCache[1].Kind);
        Assert.Equal(Node.Address, resolver.ReferralCache[1].Source);
    }

    [Fact]
    public void Receive_IPv6EidOverIPv4Transport_WalksLikeIPv4()
    {
        var resolver = NewResolver();

        Deliver(resolver, ItrEcm(6, "2001:db8:1::7"), Itr);
        Deliver(resolver, Referral(6, "2001:db8::/32", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);
        Deliver(resolver, Referral(6, "2001:db8:1::/48", ReferralAction.MsReferral, 1440, "127.0.0.20"), Node);

        Assert.Equal([Root, Node, MsEndpoint], _sender.Sent.Select(s => s.Destination));
        var ecm = Assert.IsType<EncapsulatedControlMessage>(_sender.Messages[2].Message);
        Assert.Equal("2001:db8:1::7/128", Assert.IsType<MapRequest>(ecm.Inner).Records[0].Prefix);
    }

    [Fact]
    public void Receive_SecondRequestUnderCachedSlash16_GoesStraightToMapServer()
    {
        var resolver = NewResolver();
        Walk(resolver, 1);
        _sender.Clear();

        Deliver(resolver, ItrEcm(2, "10.1.0.99"), Itr);

        var (destination, message) = Assert.Single(_sender.Messages);
        Assert.Equal(MsEndpoint, destination);
        Assert.True(Assert.IsType<EncapsulatedControlMessage>(message).DdtOriginated);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.ReferralCacheHits]);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.RootWalks]);
    }

    [Fact]
    public void Receive_OtherSlash16UnderCachedSlash8_SkipsRootGoesToNode()
    {
        var resolver = NewResolver();
        Walk(resolver, 1);
        _sender.Clear();

        Deliver(resolver, ItrEcm(3, "10.2.0.7"), Itr);

        Assert.Equal(Node, Assert.Single(_sender.Sent).Destination);
    }

    [Fact]
    public void Receive_CachedReferralExpired_StartsAtRootAgain()
    {
        var resolver = NewResolver();
        Walk(resolver, 1);
        _sender.Clear();
        _clock.Advance(TimeSpan.FromMinutes(1441));

        Deliver(resolver, ItrEcm(2, "10.1.0.99"), Itr);

        Assert.Equal(Root, Assert.Single(_sender.Sent).Destination);
        Assert.Equal(2, resolver.Counters[MapResolverCounter.CacheEntriesExpired]);
    }

    [Fact]
    public void Receive_IncompleteReferral_FollowedButNotCached()
    {
        var resolver = NewResolver();

        Deliver(resolver, ItrEcm(1, "10.1.0.7"), Itr);
        Deliver(resolver, Referral(1, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, incomplete: true, "127.0.0.11"), Root);

        Assert.Equal(Node, _sender.Sent[^1].Destination);
        Assert.Empty(resolver.ReferralCache);
    }

    [Fact]
    public void Receive_MoreReferralsThanAllowed_GivesUpWithNegativeReply()
    {
        var resolver = NewResolver(o => o with { MaxReferrals = 2 });

        Deliver(resolver, ItrEcm(9, "10.1.0.7"), Itr);
        Deliver(resolver, Referral(9, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);
        Deliver(resolver, Referral(9, "10.1.0.0/16", ReferralAction.NodeReferral, 1440, "127.0.0.12"), Node);
        Deliver(resolver, Referral(9, "10.1.0.0/24", ReferralAction.NodeReferral, 1440, "127.0.0.13"), Endpoint("127.0.0.12"));

        Assert.Equal([Root, Node, Endpoint("127.0.0.12"), Itr], _sender.Sent.Select(s => s.Destination));
        AssertNegativeReply(_sender.Messages[^1].Message, 9, "10.1.0.7/32", 1);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.MaxReferralsExceeded]);
        Assert.Empty(resolver.PendingRequests);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("0.0.0.0/0")]
    public void Receive_ReferralNotMoreSpecific_LoopDetectedNegativeReply(string loopPrefix)
    {
        var resolver = NewResolver();

        Deliver(resolver, ItrEcm(4, "10.1.0.7"), Itr);
        Deliver(resolver, Referral(4, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);
        Deliver(resolver, Referral(4, loopPrefix, ReferralAction.NodeReferral, 1440, "127.0.0.10"), Node);

        Assert.Equal([Root, Node, Itr], _sender.Sent.Select(s => s.Destination));
        AssertNegativeReply(_sender.Messages[^1].Message, 4, "10.1.0.7/32", 1);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.LoopsDetected]);
    }

    [Fact]
    public void OnTimer_Silence_RetransmitsThenNextLocatorThenNegativeReply()
    {
        var secondRoot = Endpoint("127.0.0.9");
        var resolver = NewResolver(o => o with { DdtRoots = [Root, secondRoot] });
        Deliver(resolver, ItrEcm(5, "10.1.0.7"), Itr);

        resolver.OnTimer();
        Assert.Single(_sender.Sent);

        _clock.Advance(TimeSpan.FromSeconds(1));
        resolver.OnTimer();
        _clock.Advance(TimeSpan.FromSeconds(1));
        resolver.OnTimer();
        _clock.Advance(TimeSpan.FromSeconds(1));
        resolver.OnTimer();
        Assert.Equal([Root, Root, secondRoot, secondRoot], _sender.Sent.Select(s => s.Destination));
        Assert.Equal(_sender.Sent[0].Payload, _sender.Sent[1].Payload);
        Assert.Equal(1, resolver.PendingRequests[0].AttemptsOnLocator - 1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        resolver.OnTimer();

        Assert.Equal(Itr, _sender.Sent[^1].Destination);
        AssertNegativeReply(_sender.Messages[^1].Message, 5, "10.1.0.7/32", 1);
        Assert.Equal(2, resolver.Counters[MapResolverCounter.Retransmissions]);
        Assert.Equal(2, resolver.Counters[MapResolverCounter.LocatorTimeouts]);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.GaveUpNoAnswer]);
        Assert.Empty(resolver.PendingRequests);
    }

    [Fact]
    public void Receive_DelegationHole_NegativeReplyToItrRlocAtInnerPortThenNegativeCacheHit()
    {
        var resolver = NewResolver();
        Deliver(resolver, ItrEcm(0x77, "10.9.0.1"), Itr);
        Deliver(resolver, Referral(0x77, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);
        Deliver(resolver, Referral(0x77, "10.8.0.0/13", ReferralAction.DelegationHole, 15), Node);

        var (destination, message) = _sender.Messages[^1];
        Assert.Equal(Itr, destination);
        AssertNegativeReply(message, 0x77, "10.8.0.0/13", 15);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.DelegationHoles]);

        // A later request in the hole is answered locally.
        _sender.Clear();
        _clock.Advance(TimeSpan.FromMinutes(5));
        Deliver(resolver, ItrEcm(0x78, "10.9.5.5"), Itr);
        var (cachedDestination, cached) = Assert.Single(_sender.Messages);
        Assert.Equal(Itr, cachedDestination);
        AssertNegativeReply(cached, 0x78, "10.8.0.0/13", 10);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.NegativeCacheHits]);

        // After the TTL the hole is asked again, from the cached /8 node referral.
        _sender.Clear();
        _clock.Advance(TimeSpan.FromMinutes(11));
        Deliver(resolver, ItrEcm(0x79, "10.9.5.5"), Itr);
        Assert.Equal(Node, Assert.Single(_sender.Sent).Destination);
    }

    [Fact]
    public void Receive_MsNotRegistered_TriesOtherMapServerThenNegativeReplyWithReferralTtl()
    {
        var resolver = NewResolver();
        Deliver(resolver, ItrEcm(8, "10.1.200.1"), Itr);
        Deliver(resolver, Referral(8, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);
        Deliver(resolver, Referral(8, "10.1.0.0/16", ReferralAction.MsReferral, 1440, "127.0.0.20", "127.0.0.21"), Node);
        Deliver(resolver, Referral(8, "10.1.128.0/17", ReferralAction.MsNotRegistered, 1), MsEndpoint);

        Assert.Equal(Endpoint("127.0.0.21"), _sender.Sent[^1].Destination);

        Deliver(resolver, Referral(8, "10.1.128.0/17", ReferralAction.MsNotRegistered, 1), Endpoint("127.0.0.21"));

        Assert.Equal(Itr, _sender.Sent[^1].Destination);
        AssertNegativeReply(_sender.Messages[^1].Message, 8, "10.1.128.0/17", 1);
        Assert.Equal(2, resolver.Counters[MapResolverCounter.MsNotRegistered]);
        Assert.Contains(resolver.ReferralCache, e => e.Kind == ReferralCacheKind.MsNotRegistered && e.Prefix == EidPrefix.Parse("10.1.128.0/17"));
    }

    [Fact]
    public void Receive_NotAuthoritativeFromRoot_NegativeReplyTtlZeroNotCached()
    {
        var resolver = NewResolver();
        Deliver(resolver, ItrEcm(10, "10.1.0.7"), Itr);

        Deliver(resolver, Referral(10, "10.1.0.7/32", ReferralAction.NotAuthoritative, 0), Root);

        AssertNegativeReply(_sender.Messages[^1].Message, 10, "10.1.0.7/32", 0);
        Assert.Empty(resolver.ReferralCache);
    }

    [Fact]
    public void Receive_NotAuthoritativeAfterCachedReferral_DropsStaleEntryAndRestartsAtRoot()
    {
        var resolver = NewResolver();
        Walk(resolver, 1);
        _sender.Clear();

        Deliver(resolver, ItrEcm(11, "10.1.0.50"), Itr);
        Deliver(resolver, Referral(11, "10.1.0.50/32", ReferralAction.NotAuthoritative, 0), MsEndpoint);

        Assert.Equal([MsEndpoint, Root], _sender.Sent.Select(s => s.Destination));
        Assert.DoesNotContain(resolver.ReferralCache, e => e.Prefix == EidPrefix.Parse("10.1.0.0/16"));
        Assert.True(Assert.Single(resolver.PendingRequests).TriedRoot);
    }

    [Fact]
    public void Receive_ReferralFromNodeNotAsked_IgnoredAndCounted()
    {
        var resolver = NewResolver();
        Deliver(resolver, ItrEcm(12, "10.1.0.7"), Itr);

        Deliver(resolver, Referral(12, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, "203.0.113.66"), Endpoint("203.0.113.66"));
        Deliver(resolver, Referral(999, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);
        Deliver(resolver, Referral(12, "11.0.0.0/8", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);

        Assert.Single(_sender.Sent);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.UnexpectedReferralSource]);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.UnmatchedReferrals]);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.InvalidReferrals]);
        Assert.Single(resolver.PendingRequests);
    }

    [Fact]
    public void Receive_DuplicateNonceAndPendingLimit_Dropped()
    {
        var resolver = NewResolver(o => o with { MaxPendingRequests = 1 });

        Deliver(resolver, ItrEcm(13, "10.1.0.7"), Itr);
        Deliver(resolver, ItrEcm(13, "10.1.0.7"), Itr);
        Deliver(resolver, ItrEcm(14, "10.1.0.8"), Itr);

        Assert.Single(_sender.Sent);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.DuplicateRequests]);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.PendingLimitDrops]);
        var pending = Assert.Single(resolver.PendingRequests);
        Assert.Equal(13UL, pending.Nonce);
        Assert.Equal(Itr, pending.Itr);
        Assert.Equal(Root, pending.LastSentTo);
    }

    [Fact]
    public void Receive_NativeMapRequest_WalkedWithInnerHeadersFromTheDatagram()
    {
        var resolver = NewResolver();
        var native = Request(15, "10.1.0.7").ToArray();

        Deliver(resolver, native, Itr);

        var ecm = Assert.IsType<EncapsulatedControlMessage>(Assert.Single(_sender.Messages).Message);
        Assert.True(ecm.DdtOriginated);
        Assert.Equal(Itr.Address, ecm.InnerSource);
        Assert.Equal(IPAddress.Parse("10.1.0.7"), ecm.InnerDestination);
        Assert.Equal((ushort)Itr.Port, ecm.InnerSourcePort);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.NativeRequestsReceived]);
    }

    [Fact]
    public void Receive_EcmFromItr_DdtRequestIsThatEcmByteForByteWithOnlyTheDBitAdded()
    {
        // An ITR's ECM with LISP-SEC data, an inner TTL of 9 and reserved bits set: the resolver passes
        // it on unchanged but for the header word (S kept, D set, reserved cleared; RFC 8111 §6.3).
        var resolver = NewResolver();
        var security = new byte[18];
        security[5] = 8;
        var ecm = new EncapsulatedControlMessage(Itr.Address, IPAddress.Parse("10.1.0.7"), (ushort)Itr.Port, 4342, Request(21, "10.1.0.7"))
        {
            SecurityData = security,
            InnerTtl = 9,
            ReservedBits = 0x123,
        };

        Deliver(resolver, ecm.ToArray(), Itr);

        var sent = Assert.Single(_sender.Sent);
        Assert.Equal(Root, sent.Destination);
        Assert.Equal((ecm with { DdtOriginated = true, ReservedBits = 0 }).ToArray(), sent.Payload);
    }

    [Fact]
    public void Receive_WalksOneAfterAnother_EachStartsClean()
    {
        // Pending entries are pooled: a finished walk's visited nodes, referral set and ITR must not
        // leak into the next one (the same root asked again is not a loop; the answer goes to the new ITR).
        var resolver = NewResolver();
        for (var round = 0; round < 5; round++)
        {
            _sender.Clear();
            _clock.Advance(TimeSpan.FromMinutes(1441)); // the referrals cached by the last round expire
            var itr = new IPEndPoint(Itr.Address, 50_000 + round);
            var nonce = 100UL + (ulong)round;
            var request = new EncapsulatedControlMessage(Itr.Address, IPAddress.Parse("10.1.0.7"), (ushort)itr.Port, 4342, Request(nonce, "10.1.0.7"));

            Deliver(resolver, request.ToArray(), itr);
            Deliver(resolver, Referral(nonce, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);
            Deliver(resolver, Referral(nonce, "10.1.0.0/16", ReferralAction.MsReferral, 1440, "127.0.0.20"), Node);
            Deliver(resolver, Referral(nonce, "10.1.0.0/24", ReferralAction.MsNotRegistered, 1, "127.0.0.20"), MsEndpoint);

            Assert.Equal([Root, Node, MsEndpoint, itr], _sender.Sent.Select(s => s.Destination));
            AssertNegativeReply(_sender.Messages[3].Message, nonce, "10.1.0.0/24", 1);
            Assert.Empty(resolver.PendingRequests);
        }

        Assert.Equal(0, resolver.Counters[MapResolverCounter.LoopsDetected]);
        Assert.Equal(5, resolver.Counters[MapResolverCounter.RootWalks]);
    }

    [Fact]
    public void Receive_Garbage_CountedNothingSentStillResolves()
    {
        var resolver = NewResolver();
        var valid = ItrEcm(16, "10.1.0.7");
        var random = new Random(4342);
        for (var length = 0; length < valid.Length; length++)
        {
            Deliver(resolver, valid[..length], Itr);
        }

        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(1, 120)];
            random.NextBytes(bytes);
            bytes[0] = (byte)((bytes[0] & 0x0F) | 0x60); // Map-Referral type: the parser's deepest path here.
            Deliver(resolver, bytes, Root);
        }

        Assert.Empty(_sender.Sent);
        Assert.True(resolver.Counters[MapResolverCounter.Malformed] >= valid.Length);
        Deliver(resolver, valid, Itr);
        Assert.Equal(Root, Assert.Single(_sender.Sent).Destination);
    }

    [Fact]
    public void Constructor_DdtModeWithoutRoots_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new Resolver(new MapResolverOptions { MaxReferrals = 0 }, _sender, _clock));

        Assert.Contains("DdtRoots", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxReferrals", error.Message, StringComparison.Ordinal);
    }

    internal static void AssertNegativeReply(LispMessage message, ulong nonce, string prefix, uint ttl)
    {
        var reply = Assert.IsType<MapReply>(message);
        Assert.Equal(nonce, reply.Nonce);
        var record = Assert.Single(reply.Records);
        Assert.True(record.IsNegative);
        Assert.Equal(prefix, record.Prefix);
        Assert.Equal(ttl, record.Ttl);
        Assert.Equal(MapReplyAction.NativelyForward, record.Action);
    }
}
