namespace Loci.Bench.Load;

/// <summary>
/// A log-linear latency histogram in nanoseconds (the HdrHistogram layout): exact below 256 ns,
/// then 128 buckets per power of two, so a bucket is at most 1/128 (0.8 %) of its value wide.
/// It covers 1 ns to 10 s in 3,584 preallocated buckets; larger values go to the last bucket.
/// Recording is allocation-free and meant for one thread; readers on other threads see a
/// slightly stale but never torn count (64-bit reads).
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>The largest value with its own bucket: 10 s.</summary>
    public const long MaxTrackable = 10_000_000_000;

    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = 2 * SubBuckets;

    private readonly long[] _counts = new long[BucketIndex(MaxTrackable) + 1];

    public long Count { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    public double Sum { get; private set; }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    public void Record(long nanoseconds)
    {
        var value = Math.Clamp(nanoseconds, 0, MaxTrackable);
        _counts[BucketIndex(value)]++;
        Count++;
        Sum += value;
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>Adds <paramref name="other"/>'s samples to this one (for merging per-thread histograms).</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        Sum = 0;
        Min = long.MaxValue;
        Max = 0;
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0-100): the middle of the bucket holding the sample
    /// of that rank, kept inside the observed min and max; the last rank is the max itself. 0 when empty.
    /// </summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100 * Count));
        if (rank >= Count)
        {
            return Max;
        }

        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var (low, width) = BucketRange(i);
                return Math.Clamp(low + (width / 2), Min, Max);
            }
        }

        return Max;
    }

    /// <summary>Values 0-255 map to themselves; above, the top 8 significant bits pick one of 128 buckets per octave.</summary>
    internal static int BucketIndex(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var octave = 63 - (int)long.LeadingZeroCount(value); // ≥ 8
        var shift = octave - SubBucketBits;
        var mantissa = (int)(value >> shift); // 128..255
        return LinearLimit + ((octave - SubBucketBits - 1) * SubBuckets) + (mantissa - SubBuckets);
    }

    /// <summary>The lowest value and the width of bucket <paramref name="index"/>.</summary>
    internal static (long Low, long Width) BucketRange(int index)
    {
        if (index < LinearLimit)
        {
            return (index, 1);
        }

        var octave = ((index - LinearLimit) / SubBuckets) + SubBucketBits + 1;
        var mantissa = ((index - LinearLimit) % SubBuckets) + SubBuckets;
        var shift = octave - SubBucketBits;
        return ((long)mantissa << shift, 1L << shift);
    }
}
