using System.Net.Sockets;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.MapResolvers;
using Loci.Diagnostics;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Tests.Integration;

/// <summary>
/// Issue 4: the whole mapping chain over real UDP sockets on loopback, with the real roles
/// (<see cref="LoopbackMappingSystem"/>): ITR (lig's ECM Map-Request) → Map-Resolver → DDT root →
/// DDT node → Map-Server → ETR (<see cref="TestEtr"/>, registered with proxy-reply off) → ITR.
/// <para>
/// The families vary where loopback lets them: the EID (10.50.1.0/24 or 2001:db8:50:1::/64), the
/// transport between ITR and Map-Resolver (127.x or [::1]; the ITR-RLOC and the reply's family
/// follow it, as with lig: the ITR-RLOC is the ITR socket's own address, so the ETR's answer reaches
/// that socket), and the RLOC the ETR registers and is reached at (127.0.51.1 or [::1]; the
/// Map-Server, bound to 127.0.50.20 only, reaches [::1] through its send-only IPv6 socket). The DDT
/// hops themselves stay on IPv4: IPv6 loopback has one address, and referral locators carry no port,
/// so the DDT nodes and Map-Server cannot all sit on [::1].
/// </para>
/// Each case builds its own system (ephemeral ports), so counters start at zero and cases may run
/// beside other test classes.
/// </summary>
public class MappingChainTests
{
    private const AddressFamily V4 = AddressFamily.InterNetwork;
    private const AddressFamily V6 = AddressFamily.InterNetworkV6;

    [Theory]
    [InlineData(V4, V4, V4)]
    [InlineData(V4, V4, V6)]
    [InlineData(V4, V6, V4)]
    [InlineData(V4, V6, V6)]
    [InlineData(V6, V4, V4)]
    [InlineData(V6, V4, V6)]
    [InlineData(V6, V6, V4)]
    [InlineData(V6, V6, V6)]
    public void Resolve_RegisteredEid_EtrAnswersTheItrThenReferralCacheSkipsTheRoot(AddressFamily eid, AddressFamily transport, AddressFamily etrRloc)
    {
        var (prefix, first, second) = eid == V4
            ? (EidPrefix.Parse("10.50.1.0/24"), "10.50.1.7", "10.50.1.8")
            : (EidPrefix.Parse("2001:db8:50:1::/64"), "2001:db8:50:1::7", "2001:db8:50:1::8");
        using var system = new LoopbackMappingSystem();
        var etr = system.Etr;
        var mapping = etr.Register(system.MapServerEndpoint, prefix, TestEtr.Rloc(etrRloc));
        var resolver = system.ResolverEndpoint(transport);
        using var itr = ProbeSocket.Open(resolver);

        var (nonce, reply) = ChainAssert.Ask(itr, resolver, first, ChainAssert.AnswerWait);

        // The ETR's own answer, not the Map-Server's (proxy-reply is off): from the ETR socket of the
        // ITR-RLOC's family, authoritative (RFC 9301 §5.4: A is set by the ETR, clear in proxy replies), its locators.
        var record = ChainAssert.Record(reply, nonce, etr.Endpoint(transport), system);
        ChainAssert.Prefix(prefix, record);
        Assert.True(record.Authoritative);
        Assert.Equal(MapReplyAction.NoAction, record.Action);
        Assert.Equal(TestEtr.MappingTtlMinutes, record.Ttl);
        Assert.Equal(mapping.Locators, record.Locators);

        // The Map-Server forwarded the ITR's own Map-Request in an ECM with E (RFC 9301 §8.3) to the
        // best registered RLOC, inner headers intact so the ETR could answer the ITR directly.
        var forwarded = Assert.Single(etr.Forwarded);
        Assert.Equal(nonce, forwarded.Request.Nonce);
        Assert.Equal(etr.Endpoint(etrRloc), forwarded.ReceivedOn);
        Assert.Equal(itr.Local.Port, forwarded.Ecm.InnerSourcePort);
        Assert.Equal(new InetAddress(itr.Local.Address), Assert.Single(forwarded.Request.ItrRlocs));

        // The path: a walk from the root, NODE-REFERRAL then MS-REFERRAL, and the Map-Server's MS-ACK
        // ending the Map-Resolver's part (RFC 8111 §7.3.2).
        ChainAssert.Counters<MapResolverCounter>(
            "map-resolver",
            c => system.Resolver.Counters[c],
            (MapResolverCounter.RequestsReceived, 1),
            (MapResolverCounter.RootWalks, 1),
            (MapResolverCounter.ReferralCacheHits, 0),
            (MapResolverCounter.NodeReferrals, 1),
            (MapResolverCounter.MsReferrals, 1),
            (MapResolverCounter.MsAcks, 1),
            (MapResolverCounter.DdtRequestsSent, 3),
            (MapResolverCounter.NegativeRepliesSent, 0));
        ChainAssert.Counters<DdtNodeCounter>("ddt-root", c => system.Root.Counters[c], (DdtNodeCounter.DatagramsReceived, 1), (DdtNodeCounter.NodeReferrals, 1));
        ChainAssert.Counters<DdtNodeCounter>("ddt-node", c => system.DdtNode.Counters[c], (DdtNodeCounter.DatagramsReceived, 1), (DdtNodeCounter.MsReferrals, 1));
        ChainAssert.Counters(
            "map-server",
            system.MapServer.Counters,
            ("requests_received", 1),
            ("requests_forwarded", 1),
            ("referrals_sent", 1),
            ("replies_positive", 0),
            ("replies_negative", 0));

        // Another EID under the same prefix: the cached MS-REFERRAL sends the Map-Resolver straight to
        // the Map-Server (seed 002: later requests skip the root), and the ETR answers again.
        var (nonce2, reply2) = ChainAssert.Ask(itr, resolver, second, ChainAssert.AnswerWait);

        ChainAssert.Prefix(prefix, ChainAssert.Record(reply2, nonce2, etr.Endpoint(transport), system));
        ChainAssert.Counters<MapResolverCounter>(
            "map-resolver",
            c => system.Resolver.Counters[c],
            (MapResolverCounter.RequestsReceived, 2),
            (MapResolverCounter.RootWalks, 1),
            (MapResolverCounter.ReferralCacheHits, 1),
            (MapResolverCounter.MsAcks, 2),
            (MapResolverCounter.DdtRequestsSent, 4));
        ChainAssert.Counters<DdtNodeCounter>("ddt-root", c => system.Root.Counters[c], (DdtNodeCounter.DatagramsReceived, 1));
        ChainAssert.Counters<DdtNodeCounter>("ddt-node", c => system.DdtNode.Counters[c], (DdtNodeCounter.DatagramsReceived, 1));
        ChainAssert.Counters("map-server", system.MapServer.Counters, ("requests_forwarded", 2), ("replies_positive", 0));
        Assert.Equal(2, etr.Forwarded.Count);
        system.AssertNoRoleErrors();
    }
}
