using System.Net;
using System.Net.Sockets;
using Loci.Config;
using Loci.Node;
using Loci.Transport;
using Loci.Wire;

namespace Loci.Tests.Node;

/// <summary>
/// A node running a DDT root, a map-server and a map-resolver resolves the same with and without
/// local delivery; with it, the resolver's hops to its own roles skip the kernel (issue 6).
/// </summary>
public class NodeLocalDeliveryTests
{
    private static readonly IPAddress Root = IPAddress.Parse("127.0.53.10");
    private static readonly IPAddress MapServer = IPAddress.Parse("127.0.53.20");
    private static readonly IPAddress Resolver = IPAddress.Parse("127.0.53.30");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ItrRequestThroughTheResolver_AnsweredByTheMapServer_HopsInProcessWhenOn(bool localDelivery)
    {
        using var node = StartNode(localDelivery);
        var port = node.MapResolver is null ? 0 : node.Runners.Single(r => r.Options.Name == "map-resolver").Endpoints[0].LocalEndpoint.Port;
        using var itr = TestSockets.Client(IPAddress.Loopback);
        var itrEndpoint = (IPEndPoint)itr.LocalEndPoint!;

        // The site registers 10.7.0.0/16 with proxy-reply, so the map-server answers the ITR itself.
        using var key = AuthenticationKey.FromPassword("k");
        var register = new MapRegister(1, new[] { new EidRecord(InetAddress.Parse("10.7.0.0"), 16, 10, new[] { new LocatorRecord(InetAddress.Parse("192.0.2.7"), 1, 100) }, authoritative: true) })
        {
            ProxyReply = true,
            WantMapNotify = true,
        };
        itr.SendTo(register.ToSignedArray(key), new IPEndPoint(MapServer, port));
        Assert.IsType<MapNotify>(Parse(TestSockets.Receive(itr, TimeSpan.FromSeconds(5)).Payload));

        for (var nonce = 1UL; nonce <= 2; nonce++)
        {
            var request = new MapRequest(nonce, LispAddress.None, new LispAddress[] { new InetAddress(IPAddress.Loopback) }, new[] { new MapRequestRecord(InetAddress.Parse("10.7.1.1"), 32) });
            var ecm = new EncapsulatedControlMessage(IPAddress.Loopback, IPAddress.Parse("10.7.1.1"), (ushort)itrEndpoint.Port, 4342, request);
            itr.SendTo(ecm.ToArray(), new IPEndPoint(Resolver, port));

            var reply = Assert.IsType<MapReply>(Parse(TestSockets.Receive(itr, TimeSpan.FromSeconds(5)).Payload));
            Assert.Equal(nonce, reply.Nonce);
            Assert.Equal(InetAddress.Parse("192.0.2.7"), Assert.Single(Assert.Single(reply.Records).Locators).Rloc);
        }

        if (localDelivery)
        {
            // First request: resolver -> root, resolver -> map-server, MS-ACK back (the root answers from
            // its queue thread, through the kernel); second, from the referral cache: to the map-server and back.
            // The ITR may read the reply before the resolver's thread has handed the last MS-ACK over.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (node.LocalDelivery!.Delivered < 5 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }

            Assert.Equal(5, node.LocalDelivery.Delivered);
            Assert.Equal(0, node.LocalDelivery.FellBack);
        }
        else
        {
            Assert.Null(node.LocalDelivery);
        }
    }

    [Fact]
    public void LocalDeliveryKey_NotABoolean_NamedInTheError()
    {
        var error = Assert.Throws<ConfigException>(() => NodeConfigLoader.Parse("""{ "local_delivery": "yes", "map_resolver": { "ddt_roots": ["127.0.0.1"] } }"""));
        Assert.Contains("local_delivery", error.Message, StringComparison.Ordinal);
    }

    private static LispMessage Parse(byte[] payload) =>
        LispMessage.TryParse(payload, out var message, out var error) ? message : throw new InvalidOperationException(error.ToString());

    /// <summary>The three roles on one ephemeral port (DDT referrals carry no port); another port when one is taken.</summary>
    private static LociNode StartNode(bool localDelivery)
    {
        for (var attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                probe.Bind(new IPEndPoint(Root, 0));
                port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            }

            try
            {
                return LociNode.Start(NodeConfigLoader.Parse($$"""
                    { "local_delivery": {{(localDelivery ? "true" : "false")}},
                      "map_server": { "bind": ["{{MapServer}}:{{port}}"], "eid_space": ["10.0.0.0/8"], "etr_control_port": {{port}},
                        "sites": [ { "name": "s", "prefixes": ["10.7.0.0/16"], "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "k" } ] } ] },
                      "ddt": { "bind": ["{{Root}}:{{port}}"], "authoritative": ["0.0.0.0/0"],
                        "delegations": [ { "prefix": "10.0.0.0/8", "kind": "map-server", "rlocs": ["{{MapServer}}"] } ] },
                      "map_resolver": { "bind": ["{{Resolver}}:{{port}}"], "ddt_roots": ["{{Root}}:{{port}}"], "referral_port": {{port}}, "request_timeout": "10s" } }
                    """), TimeProvider.System);
            }
            catch (EndpointBindException) when (attempt < 4)
            {
                // Someone holds the port on another of the three addresses: try a fresh one.
            }
        }
    }
}
