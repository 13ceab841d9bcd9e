using System.Net;
using System.Text.Json;
using Loci.Api;
using Loci.Config;
using Loci.Diagnostics;
using Loci.Node;
using Loci.Wire;

namespace Loci.Tests.Node;

/// <summary>
/// The latency histograms of a running node (issue 4), collected with a <see cref="System.Diagnostics.Metrics.MeterListener"/>
/// on this node's meters only, on loopback with ephemeral ports.
/// </summary>
public class NodeMetricsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void MapServer_RegisterAndRequest_ProcessingAndQueueDurationsTaggedByRoleQueueAndType()
    {
        using var meters = new RecordingMeterFactory();
        using var histograms = new HistogramRecorder(meters);
        using var node = LociNode.Start(NodeConfigLoader.Parse("""
            { "map_server": { "bind": ["127.0.0.1:0"],
              "sites": [ { "name": "s1", "prefixes": ["10.1.0.0/16"],
                           "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "k" } ] } ] } }
            """), TimeProvider.System, meters: meters);
        var server = node.MapServer!.LocalEndpoint;

        using var key = AuthenticationKey.FromPassword("k");
        using var client = TestSockets.Client(IPAddress.Loopback);
        var local = (IPEndPoint)client.LocalEndPoint!;
        var register = new MapRegister(7, new[] { new EidRecord(InetAddress.Parse("10.1.0.0"), 16, 3, new[] { new LocatorRecord(InetAddress.Parse("192.0.2.1"), 1, 100) }) })
        {
            ProxyReply = true,
            WantMapNotify = true,
        };
        client.SendTo(register.ToSignedArray(key), server);
        Assert.IsType<MapNotify>(LispMessage.Parse(TestSockets.Receive(client, Timeout).Payload));
        var request = new MapRequest(8, LispAddress.None, new LispAddress[] { new InetAddress(local.Address) }, new[] { new MapRequestRecord(InetAddress.Parse("10.1.0.7"), 32) });
        client.SendTo(request.ToArray(), server);
        Assert.IsType<MapReply>(LispMessage.Parse(TestSockets.Receive(client, Timeout).Payload));

        const string Processing = "loci.role.processing.duration";
        const string Queueing = "loci.role.queue.duration";
        var resolution = new[] { ("role", "map-server"), ("queue", "resolution"), ("message_type", "map-request") };
        var registration = new[] { ("role", "map-server"), ("queue", "registration"), ("message_type", "map-register") };
        Assert.True(WaitFor(() => histograms.Values(Processing, resolution).Count == 1), "no processing duration for the Map-Request");
        Assert.True(WaitFor(() => histograms.Values(Processing, registration).Count == 1), "no processing duration for the Map-Register");
        Assert.All(histograms.Values(Processing), v => Assert.InRange(v, 0, Timeout.TotalSeconds));
        Assert.Single(histograms.Values(Queueing, resolution));
        Assert.Single(histograms.Values(Queueing, registration));
        Assert.All(histograms.Values(Queueing), v => Assert.InRange(v, 0, Timeout.TotalSeconds));

        // The same durations summarised in the stats API, next to the existing fields.
        using var stats = JsonDocument.Parse(JsonSerializer.Serialize(ApiViews.Stats([node])));
        var runner = stats.RootElement[0];
        Assert.Equal("map-server", runner.GetProperty("role").GetString());
        Assert.True(runner.GetProperty("queues").TryGetProperty("resolution_enqueued", out _));
        var queues = runner.GetProperty("latency").GetProperty("queues").EnumerateArray().ToDictionary(q => q.GetProperty("queue").GetString()!);
        Assert.Equal(1, queues["resolution"].GetProperty("processing").GetProperty("count").GetInt64());
        Assert.Equal(1, queues["registration"].GetProperty("waiting").GetProperty("count").GetInt64());
        Assert.True(queues["resolution"].GetProperty("processing").GetProperty("p99_ms").GetDouble() > 0);
    }

    [Fact]
    public void MapResolver_WalkEndsInDelegationHole_ResolutionDurationTaggedNegativeByDdt()
    {
        using var root = LociNode.Start(NodeConfigLoader.Parse("""
            { "ddt": { "bind": ["127.0.0.1:0"], "authoritative": ["10.0.0.0/8"] } }
            """), TimeProvider.System);
        var rootEndpoint = root.Runners[0].Endpoints[0].LocalEndpoint;
        using var meters = new RecordingMeterFactory();
        using var histograms = new HistogramRecorder(meters);
        using var node = LociNode.Start(NodeConfigLoader.Parse($$"""
            { "map_resolver": { "bind": ["127.0.0.1:0"], "ddt_roots": ["{{rootEndpoint}}"] } }
            """), TimeProvider.System, meters: meters);
        var resolver = node.Runners[0].Endpoints[0].LocalEndpoint;

        using var probe = ProbeSocket.Open(resolver);
        var reply = probe.Exchange(probe.Request(IPAddress.Parse("10.9.0.1"), 0x5EED, ddtOriginated: false), resolver, 0x5EED, Timeout);
        var record = Assert.Single(Assert.IsType<MapReply>(reply?.Message).Records);
        Assert.True(record.IsNegative);

        const string Resolution = "loci.mapresolver.resolution.duration";
        Assert.True(WaitFor(() => histograms.Values(Resolution).Count == 1), "no resolution duration recorded");
        var seconds = Assert.Single(histograms.Values(Resolution, ("outcome", "negative"), ("answered_by", "ddt")));
        Assert.InRange(seconds, 1e-9, Timeout.TotalSeconds);
        Assert.Equal(1, node.MapResolver!.ResolutionLatency.Count);

        // The same request again is answered from the negative cache: local, and counted apart.
        var again = probe.Exchange(probe.Request(IPAddress.Parse("10.9.0.1"), 0x5EEE, ddtOriginated: false), resolver, 0x5EEE, Timeout);
        Assert.IsType<MapReply>(again?.Message);
        Assert.True(WaitFor(() => histograms.Values(Resolution, ("outcome", "negative"), ("answered_by", "local")).Count == 1));
    }

    private static bool WaitFor(Func<bool> condition) => SpinWait.SpinUntil(condition, Timeout);
}
