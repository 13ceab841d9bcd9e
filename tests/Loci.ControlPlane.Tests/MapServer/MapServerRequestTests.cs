using System.Net;
using Loci.ControlPlane.MapServers;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.MapServer.MapServerHarness;

namespace Loci.ControlPlane.Tests.MapServer;

public class MapServerRequestTests
{
    [Fact]
    public void HandleRequest_ProxyRegistration_ProxyMapReply()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24", true, "127.0.0.101", "127.0.0.102");
        var request = h.Request("10.1.0.7");
        h.Deliver(request.ToArray(), Itr);

        var (destination, message) = h.Single();
        var reply = Assert.IsType<MapReply>(message);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.50"), Itr.Port), destination);
        Assert.Equal(request.Nonce, reply.Nonce);
        var record = Assert.Single(reply.Records);
        Assert.Equal("10.1.0.0/24", record.Prefix);
        Assert.False(record.Authoritative); // RFC 9301 §5.4: a proxy answer is not the ETR's own
        Assert.Equal(3u, record.Ttl);
        Assert.Equal(MapReplyAction.NoAction, record.Action);
        Assert.Equal([(1, 50), (1, 50)], record.Locators.Select(l => ((int)l.Priority, (int)l.Weight)));
        Assert.Equal(1, h.Counters.RepliesPositive);
    }

    [Fact]
    public void HandleRequest_NotProxy_ForwardedToEtrInEcm()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24", false, "127.0.0.101");
        var request = h.Request("10.1.0.7");
        h.Deliver(request.ToArray(), Itr);

        var (destination, message) = h.Single();
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.101"), 4342), destination);
        var ecm = Assert.IsType<EncapsulatedControlMessage>(message);
        Assert.True(ecm.ToEtr);
        Assert.False(ecm.DdtOriginated);
        Assert.Equal(request, ecm.Inner);
        Assert.Equal(IPAddress.Parse("127.0.0.50"), ecm.InnerSource); // the ETR answers the ITR directly
        Assert.Equal(Itr.Port, ecm.InnerSourcePort);
        Assert.Equal(IPAddress.Parse("10.1.0.7"), ecm.InnerDestination);
        Assert.Equal(1, h.Counters.RequestsForwarded);
    }

    [Fact]
    public void HandleRequest_NotProxyEcm_ForwardKeepsInnerHeaders()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24", false, "127.0.0.101");
        h.Deliver(Ecm(h.Request("10.1.0.7"), 55555).ToArray(), Resolver);

        var ecm = Assert.IsType<EncapsulatedControlMessage>(h.Single().Message);
        Assert.True(ecm.ToEtr);
        Assert.Equal(55555, ecm.InnerSourcePort);
    }

    [Fact]
    public void HandleRequest_ForwardToRegistrationSource_UsesRegisterSourceEndpoint()
    {
        var etrOnEphemeralPort = new IPEndPoint(IPAddress.Parse("127.0.0.101"), 50123);
        using var h = new MapServerHarness(o => new MapServerOptions { Sites = o.Sites, EidSpace = o.EidSpace, ForwardTo = EtrForwarding.RegistrationSource });
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")], proxy: false), Site1Key, etrOnEphemeralPort);
        h.Deliver(h.Request("10.1.0.7").ToArray(), Itr);

        Assert.Equal(etrOnEphemeralPort, h.Single().Destination);
    }

    [Theory]
    [InlineData("10.1.200.1", "10.1.128.0/17")] // largest block of the site without a registration
    [InlineData("10.1.1.1", "10.1.1.0/24")]
    public void HandleRequest_UnregisteredSiteSpace_NegativeReplyTtl1(string eid, string block)
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24");
        var request = h.Request(eid);
        h.Deliver(request.ToArray(), Itr);

        var reply = Assert.IsType<MapReply>(h.Single().Message);
        Assert.Equal(request.Nonce, reply.Nonce);
        var record = Assert.Single(reply.Records);
        Assert.True(record.IsNegative);
        Assert.Equal(block, record.Prefix);
        Assert.Equal(1u, record.Ttl);
        Assert.Equal(MapReplyAction.NativelyForward, record.Action);
        Assert.Equal(1, h.Counters.RepliesNegative);
    }

    [Fact]
    public void HandleRequest_SiteWithNoRegistration_NegativeCoversWholeSitePrefix()
    {
        using var h = new MapServerHarness();
        h.Deliver(h.Request("10.2.3.4").ToArray(), Itr);

        var record = Assert.Single(Assert.IsType<MapReply>(h.Single().Message).Records);
        Assert.Equal("10.2.0.0/16", record.Prefix); // never wider than the site: the rest is not its space
    }

    [Theory]
    [InlineData("192.0.2.1", "128.0.0.0/1")] // not EID space: largest block outside 10.0.0.0/8
    [InlineData("11.0.0.1", "11.0.0.0/8")]
    [InlineData("10.9.0.1", "10.8.0.0/13")] // EID space with no site: the hole around it
    [InlineData("2001:db8:2::1", "2001:db8:2::/47")] // IPv6: only 2001:db8:1::/48 is EID space
    public void HandleRequest_OutsideSites_NegativeLargestUncoveredBlockNativelyForward(string eid, string block)
    {
        using var h = new MapServerHarness();
        h.Deliver(h.Request(eid).ToArray(), Itr);

        var record = Assert.Single(Assert.IsType<MapReply>(h.Single().Message).Records);
        Assert.Equal(block, record.Prefix);
        Assert.Equal(15u, record.Ttl);
        Assert.Equal(MapReplyAction.NativelyForward, record.Action);
        Assert.Empty(record.Locators);
    }

    [Fact]
    public void HandleRequest_Ecm_ReplyGoesToInnerSourcePortAtItrRloc()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24");
        var request = h.Request("10.1.0.7", itrRloc: "127.0.0.51");
        h.Deliver(Ecm(request, 55555).ToArray(), Resolver);

        var (destination, message) = h.Single();
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.51"), 55555), destination);
        Assert.Equal(request.Nonce, Assert.IsType<MapReply>(message).Nonce);
    }

    [Fact]
    public void HandleRequest_ExpiredButNotSwept_NegativeNotPositive()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24");
        h.Clock.Advance(TimeSpan.FromMinutes(4)); // OnTimer not run: the resolution path checks expiry itself
        h.Deliver(h.Request("10.1.0.7").ToArray(), Itr);

        var record = Assert.Single(Assert.IsType<MapReply>(h.Single().Message).Records);
        Assert.True(record.IsNegative);
        Assert.Equal("10.1.0.0/24", record.Prefix);
    }

    [Fact]
    public void HandleRequest_Ipv6Eid_ProxyReply()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("2001:db8:1::/64");
        h.Deliver(h.Request("2001:db8:1::7").ToArray(), Itr);

        Assert.Equal("2001:db8:1::/64", Assert.Single(Assert.IsType<MapReply>(h.Single().Message).Records).Prefix);
    }

    [Fact]
    public void Classify_ByType_SplitsRegistrationAndResolution()
    {
        using var h = new MapServerHarness();
        Assert.Equal(MapServerMessageKind.Registration, Loci.ControlPlane.MapServers.MapServer.Classify(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")]).ToSignedArray(Site1Key)));
        Assert.Equal(MapServerMessageKind.Resolution, Loci.ControlPlane.MapServers.MapServer.Classify(h.Request("10.1.0.7").ToArray()));
        Assert.Equal(MapServerMessageKind.Resolution, Loci.ControlPlane.MapServers.MapServer.Classify(Ecm(h.Request("10.1.0.7"), 1).ToArray()));
        Assert.Equal(MapServerMessageKind.Other, Loci.ControlPlane.MapServers.MapServer.Classify([]));
        Assert.Equal(MapServerMessageKind.Other, Loci.ControlPlane.MapServers.MapServer.Classify(new MapReply(1, Array.Empty<EidRecord>()).ToArray()));
    }

    [Fact]
    public async Task HandleRequest_ConcurrentWithRegistrations_NoTornState()
    {
        using var h = new MapServerHarness();
        var sender = new ThreadSafeSender();
        using var server = new Loci.ControlPlane.MapServers.MapServer(h.Options, sender, h.Clock, Local);
        var request = h.Request("10.1.0.7").ToArray();
        var registers = Enumerable.Range(0, 200).Select(i => h.Register([Record("10.1.0.0/24", (uint)(i % 2 == 0 ? 3 : 0), "127.0.0.101")]).ToSignedArray(Site1Key)).ToArray();
        var writer = Task.Run(() =>
        {
            foreach (var bytes in registers)
            {
                server.HandleRegistration(new InboundDatagram(bytes, Etr1, Local));
            }
        });
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                server.HandleRequest(new InboundDatagram(request, Itr, Local));
            }
        })).ToArray();
        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(1000, server.Counters.RequestsReceived);
        Assert.Equal(1000, server.Counters.RepliesPositive + server.Counters.RepliesNegative);
        Assert.Equal(0, server.Counters.MalformedDropped);
    }

    private sealed class ThreadSafeSender : IDatagramSender
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Send(IPEndPoint destination, ReadOnlySpan<byte> payload)
        {
            Assert.True(LispMessage.TryParse(payload, out _, out _));
            Interlocked.Increment(ref _count);
        }
    }
}
