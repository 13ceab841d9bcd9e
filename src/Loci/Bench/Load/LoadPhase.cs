namespace Loci.Bench.Load;

/// <summary>
/// One open-loop run: <see cref="WarmupMessages"/> then <see cref="MeasuredMessages"/> sent at
/// <see cref="Rate"/> per second on a fixed schedule, then up to <see cref="Drain"/> of waiting for
/// the last replies. Only the measured messages and their replies are counted.
/// </summary>
internal sealed record LoadPhase(string Name, long Rate, long WarmupMessages, long MeasuredMessages, TimeSpan Drain)
{
    public long TotalMessages => WarmupMessages + MeasuredMessages;

    /// <summary>
    /// How far behind schedule the sender may catch up in one burst: 2 ms of messages (at least 32).
    /// Messages beyond it are skipped and counted as generator lag: a burst larger than that would no
    /// longer be the offered load.
    /// </summary>
    public long BurstCap => Math.Max(32, Rate / 500);

    /// <summary>
    /// Send-log slots: every message of a short run (so a setup phase can ask which were answered),
    /// else two drain periods (at least 2 s) of messages: a reply older than that counts as late.
    /// </summary>
    public long LogCapacity
    {
        get
        {
            const long wholeRunLimit = 1L << 22;
            if (TotalMessages <= wholeRunLimit)
            {
                return Math.Max(1, TotalMessages);
            }

            var window = Rate * 2 * Math.Max(1, (long)Math.Ceiling(Drain.TotalSeconds));
            return Math.Clamp(window, wholeRunLimit, 1L << 24);
        }
    }
}
