namespace Loci.ControlPlane.Observability;

/// <summary>
/// Aggregates a repeating log event so a flood cannot flood the log (DESIGN.md §5; issue 4): the
/// first occurrence is reported at once, later ones within <see cref="Interval"/> are only counted,
/// and the next report (the next occurrence after the interval, or a periodic <see cref="TryFlush"/>)
/// carries how many happened since the last one. An attacker who sends a million bad Map-Registers
/// a minute gets one log line a minute, and the operator still learns the number.
/// <para>
/// Thread-safe and allocation-free; under a race between threads a count may land in the next
/// report instead of this one, never lost. Time comes from the role's <see cref="TimeProvider"/>, so
/// role tests drive it with a manual clock.
/// </para>
/// </summary>
public sealed class LogRateLimit
{
    private readonly TimeProvider _time;
    private readonly long _intervalStamps;
    private long _nextReport = long.MinValue;
    private long _pending;

    public LogRateLimit(TimeSpan interval, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Interval = interval;
        _time = time;
        _intervalStamps = Math.Max(1, (long)(interval.TotalSeconds * time.TimestampFrequency));
    }

    /// <summary>At most one report per interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Occurrences counted but not yet reported.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>
    /// Counts one occurrence. True when it is to be reported now; <paramref name="occurrences"/> is
    /// then the number since the last report, this one included (1 for the first).
    /// </summary>
    public bool TryReport(out long occurrences)
    {
        Interlocked.Increment(ref _pending);
        return TryClaim(out occurrences);
    }

    /// <summary>
    /// The periodic summary: true when occurrences are waiting and the interval since the last report
    /// has passed. Call it from the role's timer so the count of a flood that stopped is not held back.
    /// </summary>
    public bool TryFlush(out long occurrences)
    {
        if (Interlocked.Read(ref _pending) == 0)
        {
            occurrences = 0;
            return false;
        }

        return TryClaim(out occurrences);
    }

    private bool TryClaim(out long occurrences)
    {
        occurrences = 0;
        var now = _time.GetTimestamp();
        var next = Interlocked.Read(ref _nextReport);
        if (now < next || Interlocked.CompareExchange(ref _nextReport, now + _intervalStamps, next) != next)
        {
            return false;
        }

        occurrences = Interlocked.Exchange(ref _pending, 0);
        return occurrences > 0;
    }
}
