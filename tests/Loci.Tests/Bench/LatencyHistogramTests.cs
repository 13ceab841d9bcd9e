using Loci.Bench.Load;

namespace Loci.Tests.Bench;

public class LatencyHistogramTests
{
    [Fact]
    public void Percentile_UniformMicroseconds_WithinOnePercent()
    {
        var histogram = new LatencyHistogram();
        for (long us = 1; us <= 100_000; us++)
        {
            histogram.Record(us * 1000);
        }

        Assert.Equal(100_000, histogram.Count);
        AssertNear(50_000_000, histogram.Percentile(50));
        AssertNear(90_000_000, histogram.Percentile(90));
        AssertNear(99_000_000, histogram.Percentile(99));
        AssertNear(99_900_000, histogram.Percentile(99.9));
        Assert.Equal(100_000_000, histogram.Percentile(100));
        Assert.Equal(1000, histogram.Min);
        Assert.Equal(100_000_000, histogram.Max);
        Assert.Equal(50_000_500, histogram.Mean, 1);
    }

    [Fact]
    public void Percentile_SkewedSamples_PicksTheRankedSample()
    {
        // 990 fast replies at 20 µs and 10 slow ones at 5 ms: p99 is still fast, p99.9 slow.
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 990; i++)
        {
            histogram.Record(20_000);
        }

        for (var i = 0; i < 10; i++)
        {
            histogram.Record(5_000_000);
        }

        AssertNear(20_000, histogram.Percentile(50));
        AssertNear(20_000, histogram.Percentile(99));
        AssertNear(5_000_000, histogram.Percentile(99.9));
    }

    [Fact]
    public void Percentile_SmallValues_AreExact()
    {
        var histogram = new LatencyHistogram();
        for (var v = 0; v < 256; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(127, histogram.Percentile(50));
        Assert.Equal(255, histogram.Percentile(100));
    }

    [Fact]
    public void BucketIndex_ValuesFromOneNanosecondToTenSeconds_BucketHoldsValueAndIsUnderOnePercentWide()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => (long)Math.Exp(random.NextDouble() * Math.Log(LatencyHistogram.MaxTrackable)))
            .Concat([1, 255, 256, 257, 511, 512, 1023, 1024, 1_000, 1_000_000, LatencyHistogram.MaxTrackable]);
        foreach (var value in values)
        {
            var (low, width) = LatencyHistogram.BucketRange(LatencyHistogram.BucketIndex(value));
            Assert.InRange(value, low, low + width - 1);
            Assert.True(width == 1 || (double)width / low <= 1.0 / 128, $"{value}: bucket [{low}, +{width})");
        }
    }

    [Fact]
    public void Record_BeyondTenSeconds_ClampedToTheLastBucket()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(60_000_000_000);
        histogram.Record(-5);

        Assert.Equal(LatencyHistogram.MaxTrackable, histogram.Max);
        Assert.Equal(0, histogram.Min);
        Assert.Equal(LatencyHistogram.MaxTrackable, histogram.Percentile(100));
    }

    [Fact]
    public void Empty_PercentilesAreZero()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.Percentile(99));
        Assert.Equal(0, histogram.Mean);
    }

    [Fact]
    public void Add_TwoHistograms_SameAsOneWithAllSamples()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        var random = new Random(3);
        for (var i = 0; i < 5000; i++)
        {
            var value = random.NextInt64(1_000, 10_000_000);
            (i % 2 == 0 ? a : b).Record(value);
            all.Record(value);
        }

        a.Add(b);
        Assert.Equal(all.Count, a.Count);
        Assert.Equal(all.Min, a.Min);
        Assert.Equal(all.Max, a.Max);
        foreach (var p in new[] { 50.0, 90, 99, 99.9 })
        {
            Assert.Equal(all.Percentile(p), a.Percentile(p));
        }

        a.Clear();
        Assert.Equal(0, a.Count);
        Assert.Equal(0, a.Percentile(50));
    }

    private static void AssertNear(long expected, long actual) =>
        Assert.True(Math.Abs(actual - expected) <= expected / 100, $"expected {expected} ± 1 %, got {actual}");
}
