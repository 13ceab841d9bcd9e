using System.Globalization;
using System.Text.Json;
using Loci.Api;

namespace Loci.Bench.Load;

/// <summary>
/// The <c>node</c> part of the report (<c>--node-api</c>): what the node under test did during the
/// measured phase, from its runtime figures read just before and just after it (issue 6: no Gen0
/// collection at 50,000/s; the node's memory). Either both readings or the reason there are none.
/// The API requests themselves allocate in the node, and the difference includes about one request's
/// worth (<see cref="ReadingBytes"/>, measured before the run), which matters on short runs only.
/// </summary>
internal sealed record NodeRuntimeReport(Uri Url, RuntimeView? Before, RuntimeView? After, long ReadingBytes, string? Error)
{
    public static NodeRuntimeReport Failed(Uri url, string error) => new(url, null, null, 0, error);

    public static NodeRuntimeReport Measured(Uri url, RuntimeView before, RuntimeView after, long readingBytes) => new(url, before, after, readingBytes, null);

    public void WriteTable(TextWriter w, long sent)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (Before is null || After is null)
        {
            w.WriteLine($"node         no runtime figures: {Error}");
            return;
        }

        var (gen0, gen1, gen2) = Collections(Before, After);
        w.WriteLine(Invariant($"node gc      gen0 {gen0:N0}  gen1 {gen1:N0}  gen2 {gen2:N0} collections, paused {After.GcPauseMilliseconds - Before.GcPauseMilliseconds:N3} ms during the measured phase"));
        var allocated = After.AllocatedBytes - Before.AllocatedBytes;
        w.WriteLine(Invariant($"node alloc   {allocated:N0} B allocated{(sent > 0 ? Invariant($", {(double)allocated / sent:N1} B per message sent") : string.Empty)} (about {ReadingBytes:N0} B of it the API reading itself)"));
        w.WriteLine(Invariant($"node memory  working set {RuntimeText.Bytes(After.WorkingSetBytes)}, heap {RuntimeText.Bytes(After.HeapBytes)} at the end; {RuntimeText.Committed(After.CommittedBytes)}"));
    }

    public void WriteJson(Utf8JsonWriter w, long sent)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject("node");
        w.WriteString("api", Url.ToString());
        if (Before is null || After is null)
        {
            w.WriteString("error", Error);
            w.WriteEndObject();
            return;
        }

        var (gen0, gen1, gen2) = Collections(Before, After);
        w.WriteStartObject("gc_collections");
        w.WriteNumber("gen0", gen0);
        w.WriteNumber("gen1", gen1);
        w.WriteNumber("gen2", gen2);
        w.WriteEndObject();
        var allocated = After.AllocatedBytes - Before.AllocatedBytes;
        w.WriteNumber("allocated_bytes", allocated);
        if (sent > 0)
        {
            w.WriteNumber("allocated_bytes_per_message", Math.Round((double)allocated / sent, 1));
        }
        else
        {
            w.WriteNull("allocated_bytes_per_message");
        }

        w.WriteNumber("api_reading_bytes", ReadingBytes);
        w.WriteNumber("gc_pause_ms", Math.Round(After.GcPauseMilliseconds - Before.GcPauseMilliseconds, 3));
        w.WriteNumber("working_set_bytes", After.WorkingSetBytes);
        w.WriteNumber("heap_bytes", After.HeapBytes);
        if (After.CommittedBytes is { } committed)
        {
            w.WriteNumber("committed_bytes", committed);
        }
        else
        {
            w.WriteNull("committed_bytes");
        }

        w.WriteEndObject();
    }

    private static (int Gen0, int Gen1, int Gen2) Collections(RuntimeView before, RuntimeView after) => (
        after.GcCollections.Gen0 - before.GcCollections.Gen0,
        after.GcCollections.Gen1 - before.GcCollections.Gen1,
        after.GcCollections.Gen2 - before.GcCollections.Gen2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
