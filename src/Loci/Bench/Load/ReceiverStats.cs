namespace Loci.Bench.Load;

/// <summary>
/// One receive thread's counters and latency histogram: no sharing, so no atomics on the hot path.
/// Merged after the run; the progress line reads them as it goes (64-bit reads).
/// </summary>
internal sealed class ReceiverStats
{
    /// <summary>First replies to measured messages, by <see cref="ReplyKind"/>.</summary>
    public readonly long[] Replies = new long[Enum.GetValues<ReplyKind>().Length];

    public readonly LatencyHistogram Latency = new();

    /// <summary>First replies to measured messages.</summary>
    public long Answered;

    public long WarmupAnswered;

    /// <summary>Further replies to an already answered message.</summary>
    public long Duplicates;

    /// <summary>Replies to messages whose send-log slot had been reused.</summary>
    public long Late;

    /// <summary>Replies carrying another run's id (a setup phase, an earlier process).</summary>
    public long Stale;

    /// <summary>Datagrams that are no reply to us: other types, unreadable, or a sequence never sent.</summary>
    public long Unmatched;

    /// <summary>Bytes the receive thread allocated while handling datagrams (expected 0).</summary>
    public long AllocatedBytes;

    /// <summary>Adds <paramref name="other"/>'s counts (after its thread has ended).</summary>
    public void Add(ReceiverStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < Replies.Length; i++)
        {
            Replies[i] += other.Replies[i];
        }

        Latency.Add(other.Latency);
        Answered += other.Answered;
        WarmupAnswered += other.WarmupAnswered;
        Duplicates += other.Duplicates;
        Late += other.Late;
        Stale += other.Stale;
        Unmatched += other.Unmatched;
        AllocatedBytes += other.AllocatedBytes;
    }
}
