using System.Net.Sockets;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.MapResolvers;
using Loci.Diagnostics;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Tests.Integration;

/// <summary>
/// Issue 4: what the ITR gets when the chain of <see cref="MappingChainTests"/> cannot give it a
/// mapping: an EID of the site's space nobody registered, a hole in the DDT delegations, an ETR that
/// stays silent, a Map-Server that does not answer. Same loopback system, one per case.
/// </summary>
public class MappingChainFailureTests
{
    private const AddressFamily V4 = AddressFamily.InterNetwork;
    private const AddressFamily V6 = AddressFamily.InterNetworkV6;

    /// <summary>
    /// Map-Resolver retransmission timer of the silent Map-Server case: the give-up comes after two of
    /// them, while a DDT hop that a busy machine stalls for a second still answers in time.
    /// </summary>
    private static readonly TimeSpan QuickRetransmit = TimeSpan.FromSeconds(1);

    /// <summary>How long the ITR listens for an answer that must not come.</summary>
    private static readonly TimeSpan SilenceWindow = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The Map-Server answers the DDT query with MS-NOT-REGISTERED for the largest unregistered block
    /// of the site around the EID, TTL 1 minute (RFC 8111 §6.4.1); with no other Map-Server to ask,
    /// the Map-Resolver sends the ITR a negative Map-Reply for that block with that TTL (RFC 8111
    /// §7.3.2), Natively-Forward (RFC 9301 §8.3 uses it with a 1-minute TTL for site space with no
    /// registration), and keeps it in its negative cache for the next EID of the block.
    /// </summary>
    [Theory]
    [InlineData(V6, "10.50.200.1", "10.50.201.1", "10.50.128.0/17")]
    [InlineData(V4, "2001:db8:50:8000::1", "2001:db8:50:8001::1", "2001:db8:50:8000::/49")]
    public void Resolve_UnregisteredEidInSiteSpace_NegativeReplyFromResolverThenNegativeCache(AddressFamily transport, string eid, string sameBlock, string block)
    {
        using var system = new LoopbackMappingSystem();
        var etr = system.Etr;
        etr.Register(system.MapServerEndpoint, EidPrefix.Parse("10.50.1.0/24"), TestEtr.Ipv4Rloc);
        etr.Register(system.MapServerEndpoint, EidPrefix.Parse("2001:db8:50:1::/64"), TestEtr.Ipv4Rloc);
        var resolver = system.ResolverEndpoint(transport);
        using var itr = ProbeSocket.Open(resolver);

        var (nonce, reply) = ChainAssert.Ask(itr, resolver, eid, ChainAssert.AnswerWait);

        ChainAssert.Negative(ChainAssert.Record(reply, nonce, resolver, system), block, ttlMinutes: 1, MapReplyAction.NativelyForward);
        ChainAssert.Counters<MapResolverCounter>(
            "map-resolver",
            c => system.Resolver.Counters[c],
            (MapResolverCounter.RootWalks, 1),
            (MapResolverCounter.NodeReferrals, 1),
            (MapResolverCounter.MsReferrals, 1),
            (MapResolverCounter.MsNotRegistered, 1),
            (MapResolverCounter.MsAcks, 0),
            (MapResolverCounter.NegativeRepliesSent, 1));

        // The Map-Server told the Map-Resolver (a Map-Referral) instead of answering the ITR itself, and forwarded nothing.
        ChainAssert.Counters("map-server", system.MapServer.Counters, ("requests_received", 1), ("referrals_sent", 1), ("replies_negative", 0), ("requests_forwarded", 0));
        Assert.Empty(etr.Forwarded);

        var (nonce2, reply2) = ChainAssert.Ask(itr, resolver, sameBlock, ChainAssert.AnswerWait);

        ChainAssert.Negative(ChainAssert.Record(reply2, nonce2, resolver, system), block, ttlMinutes: 1, MapReplyAction.NativelyForward);
        ChainAssert.Counters<MapResolverCounter>("map-resolver", c => system.Resolver.Counters[c], (MapResolverCounter.NegativeCacheHits, 1), (MapResolverCounter.RootWalks, 1));
        ChainAssert.Counters<DdtNodeCounter>("ddt-root", c => system.Root.Counters[c], (DdtNodeCounter.DatagramsReceived, 1));
        ChainAssert.Counters("map-server", system.MapServer.Counters, ("requests_received", 1));
        system.AssertNoRoleErrors();
    }

    /// <summary>
    /// The DDT node is authoritative for 10.0.0.0/8 and 2001:db8::/32 but delegates only parts of them:
    /// it answers DELEGATION-HOLE for the least-specific prefix around the EID that overlaps no
    /// delegation, TTL 15 minutes (RFC 8111 §7.1.2, §6.4.1), and the Map-Resolver gives the ITR a
    /// negative Map-Reply for that prefix with that TTL (RFC 8111 §7.3.2), Natively-Forward ("not a
    /// LISP destination"), then answers the rest of the hole from its negative cache.
    /// </summary>
    [Theory]
    [InlineData(V4, "10.200.0.1", "10.201.0.1", "10.128.0.0/9")]
    [InlineData(V6, "2001:db8:ff00::1", "2001:db8:ff01::1", "2001:db8:8000::/33")]
    public void Resolve_DelegationHole_NegativeReplyFromResolverThenNegativeCache(AddressFamily transport, string eid, string sameHole, string hole)
    {
        using var system = new LoopbackMappingSystem();
        var resolver = system.ResolverEndpoint(transport);
        using var itr = ProbeSocket.Open(resolver);

        var (nonce, reply) = ChainAssert.Ask(itr, resolver, eid, ChainAssert.AnswerWait);

        ChainAssert.Negative(ChainAssert.Record(reply, nonce, resolver, system), hole, ttlMinutes: 15, MapReplyAction.NativelyForward);
        ChainAssert.Counters<MapResolverCounter>(
            "map-resolver",
            c => system.Resolver.Counters[c],
            (MapResolverCounter.RootWalks, 1),
            (MapResolverCounter.NodeReferrals, 1),
            (MapResolverCounter.DelegationHoles, 1),
            (MapResolverCounter.NegativeRepliesSent, 1));
        ChainAssert.Counters<DdtNodeCounter>("ddt-node", c => system.DdtNode.Counters[c], (DdtNodeCounter.DatagramsReceived, 1), (DdtNodeCounter.DelegationHoles, 1));
        ChainAssert.Counters("map-server", system.MapServer.Counters, ("requests_received", 0));

        var (nonce2, reply2) = ChainAssert.Ask(itr, resolver, sameHole, ChainAssert.AnswerWait);

        ChainAssert.Negative(ChainAssert.Record(reply2, nonce2, resolver, system), hole, ttlMinutes: 15, MapReplyAction.NativelyForward);
        ChainAssert.Counters<MapResolverCounter>("map-resolver", c => system.Resolver.Counters[c], (MapResolverCounter.NegativeCacheHits, 1), (MapResolverCounter.RootWalks, 1));
        ChainAssert.Counters<DdtNodeCounter>("ddt-root", c => system.Root.Counters[c], (DdtNodeCounter.DatagramsReceived, 1));
        ChainAssert.Counters<DdtNodeCounter>("ddt-node", c => system.DdtNode.Counters[c], (DdtNodeCounter.DatagramsReceived, 1));
        system.AssertNoRoleErrors();
    }

    /// <summary>
    /// The Map-Server acknowledges the DDT query (MS-ACK) as it forwards it to the ETR; that ends the
    /// Map-Resolver's part (RFC 8111 §7.3.2: the Map-Reply goes from the ETR to the ITR), so when the
    /// ETR stays silent the ITR hears nothing at all: no negative answer, and nothing left pending in
    /// the Map-Resolver that could be retransmitted or given up on later. Recovering is the ITR's own
    /// retransmission of its Map-Request (RFC 9301 §6.1).
    /// </summary>
    [Fact]
    public void Resolve_EtrSilent_ItrGetsNoReplyAndResolverStopsAtMsAck()
    {
        using var system = new LoopbackMappingSystem();
        var etr = system.Etr;
        etr.Register(system.MapServerEndpoint, EidPrefix.Parse("10.50.9.0/24"), TestEtr.Ipv4Rloc, answers: false);
        var resolver = system.ResolverEndpoint(V4);
        using var itr = ProbeSocket.Open(resolver);

        var (nonce, reply) = ChainAssert.Ask(itr, resolver, "10.50.9.1", SilenceWindow);

        Assert.Null(reply);
        ChainAssert.Eventually(() => system.Resolver.Counters[MapResolverCounter.MsAcks] == 1 && etr.Forwarded.Count == 1);
        Assert.Equal(nonce, Assert.Single(etr.Forwarded).Request.Nonce);
        ChainAssert.Counters<MapResolverCounter>(
            "map-resolver",
            c => system.Resolver.Counters[c],
            (MapResolverCounter.MsReferrals, 1),
            (MapResolverCounter.MsAcks, 1),
            (MapResolverCounter.NegativeRepliesSent, 0));
        Assert.Empty(system.Resolver.PendingRequests);
        ChainAssert.Counters("map-server", system.MapServer.Counters, ("requests_forwarded", 1), ("replies_positive", 0), ("replies_negative", 0));
        system.AssertNoRoleErrors();
    }

    /// <summary>
    /// The DDT node refers 10.60.0.0/16 to a Map-Server that never answers. The Map-Resolver sends the
    /// DDT Map-Request again after its timeout, moves past the locator after its attempts, and with
    /// the referral set exhausted gives the ITR a negative Map-Reply for the requested EID alone with
    /// the short failure TTL (1 minute) (RFC 8111 §7.3.1).
    /// </summary>
    [Fact]
    public void Resolve_MapServerSilent_ResolverRetransmitsThenGivesUpNegatively()
    {
        using var system = new LoopbackMappingSystem(QuickRetransmit);
        var resolver = system.ResolverEndpoint(V4);
        using var itr = ProbeSocket.Open(resolver);

        var (nonce, reply) = ChainAssert.Ask(itr, resolver, "10.60.0.1", ChainAssert.AnswerWait);

        ChainAssert.Negative(ChainAssert.Record(reply, nonce, resolver, system), "10.60.0.1/32", ttlMinutes: 1, MapReplyAction.NativelyForward);
        ChainAssert.Counters<MapResolverCounter>(
            "map-resolver",
            c => system.Resolver.Counters[c],
            (MapResolverCounter.MsReferrals, 1),
            (MapResolverCounter.DdtRequestsSent, 3),
            (MapResolverCounter.Retransmissions, 1),
            (MapResolverCounter.LocatorTimeouts, 1),
            (MapResolverCounter.GaveUpNoAnswer, 1),
            (MapResolverCounter.NegativeRepliesSent, 1));
        Assert.Empty(system.Resolver.PendingRequests);
        system.AssertNoRoleErrors();
    }
}
