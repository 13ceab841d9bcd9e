using System.Net;
using System.Text.Json;
using Loci.Api;
using Loci.Cli;
using Loci.Config;
using Loci.Node;

namespace Loci.Tests.Api;

/// <summary>`GET /api/runtime` and `loci show runtime` against a running node's API on loopback (ephemeral ports).</summary>
public class RuntimeApiTests
{
    private static readonly string[] Fields =
    [
        "gc_collections", "allocated_bytes", "heap_bytes", "committed_bytes", "gc_pause_ms", "gc_pause_time_percent",
        "working_set_bytes", "private_bytes", "threads", "uptime_s", "server_gc", "gc_latency_mode", "processor_count",
        "dotnet_version", "framework",
    ];

    [Fact]
    public async Task GetRuntime_RunningNode_SaneFiguresThatFollowTheProcess()
    {
        using var node = StartNode();
        await using var api = await NodeApi.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), [node]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri($"http://{api.Endpoint}/api/runtime");

        var first = await ReadAsync(http, url);
        Assert.All(Fields, field => Assert.True(first.TryGetProperty(field, out _), $"/api/runtime lacks {field}"));
        var gc = first.GetProperty("gc_collections");
        Assert.InRange(gc.GetProperty("gen2").GetInt32(), 0, gc.GetProperty("gen1").GetInt32());
        Assert.InRange(gc.GetProperty("gen1").GetInt32(), 0, gc.GetProperty("gen0").GetInt32());
        Assert.True(first.GetProperty("allocated_bytes").GetInt64() > 0);
        Assert.True(first.GetProperty("heap_bytes").GetInt64() > 0);
        Assert.True(first.GetProperty("working_set_bytes").GetInt64() > 0);
        Assert.True(first.GetProperty("private_bytes").GetInt64() > 0);
        Assert.True(first.GetProperty("threads").GetInt32() >= 1);
        Assert.True(first.GetProperty("uptime_s").GetDouble() > 0);
        Assert.True(first.GetProperty("gc_pause_ms").GetDouble() >= 0);
        Assert.Equal(Environment.ProcessorCount, first.GetProperty("processor_count").GetInt32());
        Assert.Equal(Environment.Version.ToString(), first.GetProperty("dotnet_version").GetString());
        Assert.StartsWith(".NET", first.GetProperty("framework").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(first.GetProperty("gc_latency_mode").GetString()));

        // Read when asked, not cached: a megabyte allocated and a collection forced show in the next reading.
        GC.KeepAlive(new byte[1 << 20]);
        GC.Collect(0);
        var second = await ReadAsync(http, url);
        Assert.True(second.GetProperty("allocated_bytes").GetInt64() >= first.GetProperty("allocated_bytes").GetInt64() + (1 << 20));
        Assert.True(second.GetProperty("gc_collections").GetProperty("gen0").GetInt32() > gc.GetProperty("gen0").GetInt32());
        Assert.True(second.GetProperty("committed_bytes").GetInt64() > 0); // known once a GC has run
        Assert.True(second.GetProperty("uptime_s").GetDouble() >= first.GetProperty("uptime_s").GetDouble());
    }

    [Fact]
    public async Task ShowRuntime_TextAndJson_EveryFigure()
    {
        using var node = StartNode();
        await using var api = await NodeApi.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), [node]);

        var text = new StringWriter();
        Assert.Equal(ExitCodes.Ok, ShowCommand.Run(["runtime", "--api", api.Endpoint.ToString()], text, new StringWriter()));
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["runtime", "collections", "gc", "allocated", "heap", "process"], lines.Select(l => l.Split(' ')[0]));
        Assert.Contains(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^collections  gen0 [\d,]+  gen1 [\d,]+  gen2 [\d,]+$", lines[1]);
        Assert.Matches(@"^allocated    [1-9][\d,]* B \([\d.,]+ MiB\) since start$", lines[3]);
        Assert.Matches(@"working set [1-9][\d,]* B .*, private [1-9][\d,]* B .*, [1-9]\d* threads$", lines[5]);

        var json = new StringWriter();
        Assert.Equal(ExitCodes.Ok, ShowCommand.Run(["runtime", "--json", "--api", api.Endpoint.ToString()], json, new StringWriter()));
        using var document = JsonDocument.Parse(json.ToString());
        Assert.All(Fields, field => Assert.True(document.RootElement.TryGetProperty(field, out _), $"loci show runtime --json lacks {field}"));
    }

    private static LociNode StartNode() => LociNode.Start(NodeConfigLoader.Parse("""
        { "map_server": { "bind": ["127.0.0.1:0"], "eid_space": ["10.0.0.0/8"],
          "sites": [ { "name": "s1", "prefixes": ["10.1.0.0/16"], "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "k" } ] } ] } }
        """), TimeProvider.System);

    private static async Task<JsonElement> ReadAsync(HttpClient http, Uri url)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(url));
        return document.RootElement.Clone();
    }
}
