namespace Loci.Bench.Load;

/// <summary>
/// The sender thread's counters. Written by that thread only; the progress line reads them while it
/// runs (64-bit reads, possibly a moment stale), the final report after it has ended.
/// </summary>
internal sealed class SenderStats
{
    /// <summary>Measured messages handed to the kernel.</summary>
    public long Sent;

    /// <summary>Measured messages that expect a reply (all requests; registers with want-map-notify).</summary>
    public long ExpectedReplies;

    public long WarmupSent;

    public long WarmupExpectedReplies;

    /// <summary>Sends the kernel refused (e.g. no buffer space); not counted as sent.</summary>
    public long SendErrors;

    /// <summary>Measured messages skipped because the sender was more than a burst behind schedule.</summary>
    public long Skipped;

    /// <summary>How many times the sender fell more than a burst behind.</summary>
    public long LagEvents;

    /// <summary>The furthest behind schedule the sender ever was, in Stopwatch ticks.</summary>
    public long MaxBehindTicks;

    /// <summary>Bytes the sender thread allocated while sending (expected 0).</summary>
    public long AllocatedBytes;
}
