using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Wire;

namespace Loci.ControlPlane.Tests.Xtr;

public sealed class TunnelRouterTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Parse("192.0.2.1"), 4342);
    private static readonly IPEndPoint Local = new(IPAddress.Parse("192.0.2.2"), 4342);

    [Fact]
    public void Routes_each_control_message_to_the_half_that_owns_it()
    {
        var etr = new CountingRole();
        var itr = new CountingRole();
        var router = new TunnelRouter(etr, itr);

        Deliver(router, Request(smr: false));
        Deliver(router, Request(smr: true));
        Deliver(router, Reply());
        Deliver(router, [0x40, 0, 0, 0]); // Map-Notify type nibble
        Deliver(router, [0x80, 0, 0, 0]); // ECM type nibble
        Deliver(router, [0x30, 0, 0, 0]); // Map-Register: not for an xTR
        Deliver(router, [0x60, 0, 0, 0]); // Map-Referral: not for an xTR
        Deliver(router, []);

        Assert.Equal(3, etr.Received);
        Assert.Equal(2, itr.Received);
        Assert.Equal(3, router.NotForXtr);
        Assert.Equal(0, router.ToAbsentHalf);
    }

    [Fact]
    public void Smr_bit_is_read_from_the_encoded_request()
    {
        Assert.Equal(XtrHalf.Itr, TunnelRouter.Route(Request(smr: true)));
        Assert.Equal(XtrHalf.Etr, TunnelRouter.Route(Request(smr: false)));
        Assert.Equal(XtrHalf.Itr, TunnelRouter.Route(Reply()));
    }

    [Fact]
    public void Messages_for_a_missing_half_are_counted_and_timers_reach_both_halves()
    {
        var etr = new CountingRole();
        var router = new TunnelRouter(etr, itr: null);

        Deliver(router, Reply());
        router.OnTimer();

        Assert.Equal(0, etr.Received);
        Assert.Equal(1, router.ToAbsentHalf);
        Assert.Equal(1, etr.Timers);
        Assert.Throws<ArgumentException>(() => new TunnelRouter(null, null));
    }

    private static void Deliver(TunnelRouter router, byte[] payload) => router.Receive(new InboundDatagram(payload, Peer, Local));

    private static byte[] Request(bool smr) => new MapRequest(
        7,
        new InetAddress(IPAddress.Parse("10.2.0.0")),
        new LispAddress[] { new InetAddress(IPAddress.Parse("192.0.2.2")) },
        new[] { new MapRequestRecord(new InetAddress(IPAddress.Parse("10.2.0.0")), 24) })
    {
        SolicitMapRequest = smr,
    }.ToArray();

    private static byte[] Reply() => new MapReply(7, Array.Empty<EidRecord>()).ToArray();

    private sealed class CountingRole : IRole
    {
        public int Received { get; private set; }

        public int Timers { get; private set; }

        public void Receive(in InboundDatagram datagram) => Received++;

        public void OnTimer() => Timers++;
    }
}
