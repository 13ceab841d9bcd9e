using System.Numerics;

namespace Loci.ControlPlane.Observability;

/// <summary>
/// A cumulative latency histogram for the management API's p50/p90/p99 (the
/// System.Diagnostics.Metrics histograms go to whatever listener an operator attaches; this one is
/// always on and read in-process). Log-linear buckets over nanoseconds: four per power of two, so a
/// quantile is off by at most one bucket's half-width (about 12 %) from 1 ns to centuries, in a fixed
/// 2 KiB. Recording is one <see cref="Interlocked"/> increment and allocates nothing; any thread may
/// record and read.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>Sub-buckets per power of two, as a number of mantissa bits.</summary>
    private const int SubBucketBits = 2;

    private const int SubBuckets = 1 << SubBucketBits;

    private readonly long[] _buckets = new long[64 * SubBuckets];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records one duration given as a <see cref="TimeProvider"/> or <see cref="System.Diagnostics.Stopwatch"/> timestamp difference.</summary>
    public void Record(long elapsedTimestamp, long timestampFrequency)
    {
        var nanoseconds = timestampFrequency == 1_000_000_000
            ? elapsedTimestamp
            : (long)(elapsedTimestamp * (1e9 / timestampFrequency));
        RecordNanoseconds(nanoseconds);
    }

    public void Record(TimeSpan elapsed) => RecordNanoseconds((long)(elapsed.Ticks * 100.0));

    /// <summary>p50, p90 and p99 of everything recorded so far.</summary>
    public LatencySummary Summarize()
    {
        var counts = new long[_buckets.Length];
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _buckets[i]);
            total += counts[i];
        }

        return total == 0
            ? default
            : new LatencySummary(total, Quantile(counts, total, 0.50), Quantile(counts, total, 0.90), Quantile(counts, total, 0.99));
    }

    /// <summary>Bucket of a non-negative nanosecond value: below 4 ns one bucket per value, then exponent × 4 + the two bits after the leading one.</summary>
    internal static int BucketOf(long nanoseconds)
    {
        if (nanoseconds < SubBuckets)
        {
            return (int)Math.Max(0, nanoseconds);
        }

        var exponent = BitOperations.Log2((ulong)nanoseconds);
        var mantissa = (int)(nanoseconds >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return ((exponent - SubBucketBits + 1) * SubBuckets) + mantissa;
    }

    /// <summary>The smallest nanosecond value that falls in <paramref name="bucket"/>.</summary>
    internal static double LowerBound(int bucket)
    {
        if (bucket < SubBuckets)
        {
            return bucket;
        }

        var exponent = (bucket / SubBuckets) + SubBucketBits - 1;
        var mantissa = bucket % SubBuckets;
        return (SubBuckets + mantissa) * Math.Pow(2, exponent - SubBucketBits);
    }

    private void RecordNanoseconds(long nanoseconds)
    {
        Interlocked.Increment(ref _buckets[BucketOf(nanoseconds)]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>The midpoint of the bucket holding the q-th value, in seconds.</summary>
    private static double Quantile(long[] counts, long total, double q)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                var upper = i + 1 < counts.Length ? LowerBound(i + 1) : LowerBound(i) * 2;
                return (LowerBound(i) + upper) / 2 / 1e9;
            }
        }

        return LowerBound(counts.Length - 1) / 1e9;
    }
}
