using System.Net;
using System.Net.Sockets;
using Loci.Config;
using Loci.Node;
using Loci.Wire;
using Loci.Wire.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Loci.Tests.Node;

/// <summary>
/// Bad input on an open port (issue 4): thousands of random, truncated and bit-flipped datagrams at
/// a running map-server. It must count them, never fall over, keep answering valid requests, and log
/// nothing per bad packet above Debug.
/// </summary>
public class GarbageFloodTests
{
    /// <summary>Once per node or role, not per datagram: started, listening, the valid registration.</summary>
    private static readonly int[] StartUpEvents = [1, 100, 205];

    [Fact]
    public void MapServer_FloodOfGarbage_CountsItAndKeepsAnswering()
    {
        // Debug on, so the per-packet events are produced and the test sees both sides: they exist, and they stay at Debug.
        using var capture = new CapturingLoggerProvider();
        using var loggers = capture.Factory(LogLevel.Debug);
        var config = NodeConfigLoader.Parse("""
            { "map_server": { "bind": ["127.0.0.1:0"], "eid_space": ["10.0.0.0/8"],
              "sites": [ { "name": "s1", "prefixes": ["10.1.0.0/16"], "accept_more_specifics": true,
                           "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "k" } ] } ] } }
            """);
        using var node = LociNode.Start(config, TimeProvider.System, loggers);
        var server = node.MapServer!.LocalEndpoint;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveTimeout = 3000;
        var local = (IPEndPoint)socket.LocalEndPoint!;

        using var key = AuthenticationKey.FromPassword("k");
        var register = new MapRegister(1, new[] { new EidRecord(InetAddress.Parse("10.1.0.0"), 24, 3, new[] { new LocatorRecord(InetAddress.Parse("192.0.2.1"), 1, 100) }, authoritative: true) })
        {
            ProxyReply = true,
        };
        socket.SendTo(register.ToSignedArray(key), server);

        var random = new RandomModels(4242);
        const int Garbage = 3000;
        for (var i = 0; i < Garbage; i++)
        {
            var valid = random.Message().ToArray();
            byte[] datagram = (i % 3) switch
            {
                0 => random.Bytes(random.Next(0, 200)),
                1 => valid[..random.Next(0, valid.Length)],
                _ => Flip(valid, random),
            };
            socket.SendTo(datagram, server);
            if (i % 500 == 499)
            {
                AssertAnswers(socket, server, local, (ulong)i);
            }
        }

        AssertAnswers(socket, server, local, 99);

        // Every datagram reached the role (none lost between socket and role) ...
        var runner = Assert.Single(node.Runners);
        const int Sent = Garbage + 1 + 7;
        Assert.True(
            SpinWait.SpinUntil(() => runner.RegistrationProcessed + runner.ResolutionProcessed + runner.RegistrationDropped + runner.ResolutionDropped >= Sent, TimeSpan.FromSeconds(10)),
            $"processed {runner.RegistrationProcessed + runner.ResolutionProcessed}, dropped {runner.RegistrationDropped + runner.ResolutionDropped} of {Sent}");

        // ... the unparseable ones were counted as malformed (well-formed garbage lands in other counters) ...
        Assert.InRange(node.MapServer.Counters.MalformedDropped, 500, Garbage);

        // ... and none of it made the role throw.
        Assert.Equal(0, runner.RoleErrors);

        // Each malformed datagram was logged, at Debug, with its parse error ...
        var entries = capture.Entries;
        var malformed = entries.Where(e => e.EventId == 200).ToList();
        Assert.Equal(node.MapServer.Counters.MalformedDropped, malformed.Count);
        Assert.All(malformed, e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.All(malformed, e => Assert.Contains("(at byte ", e.Message, StringComparison.Ordinal));

        // ... and above Debug there are at most a few aggregated reports (an authentication-failure or
        // policy warning for the site, a queue-full warning, a send-failure warning for replies to the
        // unreachable ITR-RLOCs of bit-flipped requests), however many bad packets came.
        var aboveDebug = entries.Where(e => e.Level > LogLevel.Debug && !StartUpEvents.Contains(e.EventId)).ToList();
        Assert.True(aboveDebug.Count <= 5, $"{aboveDebug.Count} entries above Debug:\n{string.Join('\n', aboveDebug.Select(e => $"{e.Level} {e.EventId} {e.Message}"))}");
        Assert.All(aboveDebug, e => Assert.Contains(e.EventId, new[] { 103, 107, 203, 204 }));
    }

    private static void AssertAnswers(Socket socket, IPEndPoint server, IPEndPoint local, ulong nonce)
    {
        var request = new MapRequest(nonce, LispAddress.None, new LispAddress[] { new InetAddress(local.Address) }, new[] { new MapRequestRecord(InetAddress.Parse("10.1.0.7"), 32) });
        socket.SendTo(request.ToArray(), server);
        var buffer = new byte[1500];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var length = socket.Receive(buffer);
            if (LispMessage.TryParse(buffer.AsSpan(0, length), out var message, out _) && message is MapReply reply && reply.Nonce == nonce)
            {
                Assert.Equal("10.1.0.0/24", Assert.Single(reply.Records).Prefix);
                return;
            }
        }

        Assert.Fail($"no Map-Reply for nonce {nonce} during the flood");
    }

    private static byte[] Flip(byte[] bytes, RandomModels random)
    {
        var copy = (byte[])bytes.Clone();
        for (var flips = random.Next(1, 4); flips > 0 && copy.Length > 0; flips--)
        {
            var bit = random.Next(copy.Length * 8);
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        return copy;
    }
}
