namespace Loci.Bench.Load;

/// <summary>
/// Which Map-Registers ask for a Map-Notify: exactly ⌊n·f⌋ of the first n, evenly spread, so the
/// expected number of notifies over any range of sequence numbers is known without counting.
/// The fraction is kept in parts per million so the arithmetic stays in integers.
/// </summary>
internal readonly struct NotifySchedule
{
    private const long PartsPerMillion = 1_000_000;
    private readonly long _ppm;

    public NotifySchedule(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        _ppm = (long)Math.Round(fraction * PartsPerMillion);
    }

    public double Fraction => (double)_ppm / PartsPerMillion;

    /// <summary>True when message <paramref name="sequence"/> sets want-map-notify.</summary>
    public bool Wants(long sequence) => Before(sequence + 1) > Before(sequence);

    /// <summary>How many of the sequence numbers in [<paramref name="from"/>, <paramref name="to"/>) want a notify.</summary>
    public long Count(long from, long to) => Before(to) - Before(from);

    private long Before(long sequence) => (long)(((Int128)sequence * _ppm) / PartsPerMillion);
}
