using System.Globalization;

namespace Loci.Api;

/// <summary>`loci show runtime` for people: the <see cref="RuntimeView"/> as a few labelled lines.</summary>
internal static class RuntimeText
{
    public static IEnumerable<string> Lines(RuntimeView r)
    {
        ArgumentNullException.ThrowIfNull(r);
        yield return Invariant($"runtime      {r.Framework} ({r.DotnetVersion}), {r.ProcessorCount} processors, {(r.ServerGc ? "server" : "workstation")} GC, latency mode {r.GcLatencyMode}, up {r.UptimeSeconds:N1} s");
        yield return Invariant($"collections  gen0 {r.GcCollections.Gen0:N0}  gen1 {r.GcCollections.Gen1:N0}  gen2 {r.GcCollections.Gen2:N0}");
        yield return Invariant($"gc pause     {r.GcPauseMilliseconds:N3} ms in all ({r.GcPauseTimePercent:0.###} % of the time as of the last GC)");
        yield return Invariant($"allocated    {Bytes(r.AllocatedBytes)} since start");
        yield return Invariant($"heap         {Bytes(r.HeapBytes)} in use; {Committed(r.CommittedBytes)}");
        yield return Invariant($"process      working set {Bytes(r.WorkingSetBytes)}, private {Bytes(r.PrivateBytes)}, {r.Threads} threads");
    }

    /// <summary>The runtime reports the committed size at each GC only.</summary>
    public static string Committed(long? bytes) => bytes is { } b ? $"{Bytes(b)} committed as of the last GC" : "committed size unknown (no GC yet)";

    /// <summary>Exact bytes for scripts that scrape the text, and MiB for the eye.</summary>
    public static string Bytes(long bytes) => Invariant($"{bytes:N0} B ({bytes / 1048576.0:N1} MiB)");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
