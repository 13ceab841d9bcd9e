namespace Loci.Bench.SeedEval;

/// <summary>
/// Processing latencies of one series, in microseconds: median and p90 (robust on this noisy
/// machine, DESIGN §6), and the mean with its 99 % confidence half-width, which is what seed
/// 002's Fig. 4 plots ("average and 99 percent confidence intervals").
/// </summary>
internal readonly record struct LatencySummary(int Count, double Median, double P90, double Mean, double Ci99)
{
    /// <summary>z for a two-sided 99 % interval of a mean (normal approximation; n is in the hundreds).</summary>
    private const double Z99 = 2.576;

    public static LatencySummary Empty => new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    public static LatencySummary Of(List<double> microseconds)
    {
        ArgumentNullException.ThrowIfNull(microseconds);
        if (microseconds.Count == 0)
        {
            return Empty;
        }

        var sorted = microseconds.Order().ToArray();
        var mean = sorted.Average();
        var variance = sorted.Length > 1 ? sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1) : 0;
        return new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 90), mean, Z99 * Math.Sqrt(variance / sorted.Length));
    }

    /// <summary>Linear interpolation between closest ranks.</summary>
    public static double Percentile(double[] sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }
}
