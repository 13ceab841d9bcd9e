using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Loci.Api;

/// <summary>
/// `GET /api/runtime`: the process's garbage-collector and memory figures, read when asked. Issue 6
/// asks for no Gen0 collection during a load run and for the node's memory with a million prefixes;
/// `loci bench load --node-api` reads this view before and after its measured phase and reports the
/// difference. The same type serves the node (writing) and the load generator (reading), so the
/// names cannot drift apart.
/// </summary>
internal sealed record RuntimeView(
    [property: JsonPropertyName("gc_collections")] RuntimeView.Collections GcCollections,
    [property: JsonPropertyName("allocated_bytes")] long AllocatedBytes,
    [property: JsonPropertyName("heap_bytes")] long HeapBytes,
    [property: JsonPropertyName("committed_bytes")] long? CommittedBytes,
    [property: JsonPropertyName("gc_pause_ms")] double GcPauseMilliseconds,
    [property: JsonPropertyName("gc_pause_time_percent")] double GcPauseTimePercent,
    [property: JsonPropertyName("working_set_bytes")] long WorkingSetBytes,
    [property: JsonPropertyName("private_bytes")] long PrivateBytes,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("uptime_s")] double UptimeSeconds,
    [property: JsonPropertyName("server_gc")] bool ServerGc,
    [property: JsonPropertyName("gc_latency_mode")] string GcLatencyMode,
    [property: JsonPropertyName("processor_count")] int ProcessorCount,
    [property: JsonPropertyName("dotnet_version")] string DotnetVersion,
    [property: JsonPropertyName("framework")] string Framework)
{
    /// <summary>Collections per generation since the process started; a gen1 or gen2 collection collects gen0 too and counts in gen0 as well.</summary>
    internal sealed record Collections(
        [property: JsonPropertyName("gen0")] int Gen0,
        [property: JsonPropertyName("gen1")] int Gen1,
        [property: JsonPropertyName("gen2")] int Gen2);

    /// <summary>
    /// Reads the figures now. Allocated bytes are the cheap count (precise: false): it misses at most
    /// each thread's unused allocation context (a few KB), where the precise one suspends the runtime.
    /// Committed bytes and the pause percentage are as of the last GC: the runtime updates them only
    /// when it collects, so before the first collection committed bytes are null (unknown), not 0.
    /// </summary>
    public static RuntimeView Read()
    {
        using var process = Process.GetCurrentProcess();
        var lastGc = GC.GetGCMemoryInfo();
        return new RuntimeView(
            new Collections(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)),
            GC.GetTotalAllocatedBytes(precise: false),
            GC.GetTotalMemory(forceFullCollection: false),
            lastGc.Index == 0 ? null : lastGc.TotalCommittedBytes,
            Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 3),
            Math.Round(lastGc.PauseTimePercentage, 3),
            Environment.WorkingSet,
            process.PrivateMemorySize64,
            process.Threads.Count,
            Math.Round((DateTime.Now - process.StartTime).TotalSeconds, 3),
            GCSettings.IsServerGC,
            GCSettings.LatencyMode.ToString(),
            Environment.ProcessorCount,
            Environment.Version.ToString(),
            RuntimeInformation.FrameworkDescription);
    }
}
