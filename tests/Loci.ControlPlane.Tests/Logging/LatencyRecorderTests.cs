using Loci.ControlPlane.Observability;

namespace Loci.ControlPlane.Tests.Logging;

public class LatencyRecorderTests
{
    [Fact]
    public void BucketOf_IsMonotonicAndLowerBoundIsItsInverse()
    {
        var previous = 0;
        for (long ns = 0; ns < 100_000; ns++)
        {
            var bucket = LatencyRecorder.BucketOf(ns);
            Assert.InRange(bucket, previous, previous + 1);
            Assert.True(LatencyRecorder.LowerBound(bucket) <= ns, $"{ns} ns in bucket {bucket} starting at {LatencyRecorder.LowerBound(bucket)}");
            Assert.True(LatencyRecorder.LowerBound(bucket + 1) > ns);
            previous = bucket;
        }

        Assert.True(LatencyRecorder.BucketOf(long.MaxValue) < 256);
    }

    [Fact]
    public void Summarize_Empty_IsZero() => Assert.Equal(default, new LatencyRecorder().Summarize());

    [Fact]
    public void Summarize_UniformOneToOneThousandMicroseconds_QuantilesWithinABucket()
    {
        var recorder = new LatencyRecorder();
        for (var us = 1; us <= 1000; us++)
        {
            recorder.Record(TimeSpan.FromMicroseconds(us));
        }

        var summary = recorder.Summarize();
        Assert.Equal(1000, summary.Count);
        AssertNear(500e-6, summary.P50);
        AssertNear(900e-6, summary.P90);
        AssertNear(990e-6, summary.P99);
    }

    [Fact]
    public void Record_TimestampUnits_ConvertedToSeconds()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(2_500_000, TimeSpan.TicksPerSecond); // 0.25 s in 100-ns ticks (ManualTimeProvider)
        recorder.Record(250_000_000, 1_000_000_000); // 0.25 s in nanoseconds (Stopwatch on Linux)

        var summary = recorder.Summarize();
        Assert.Equal(2, summary.Count);
        AssertNear(0.25, summary.P50);
        AssertNear(0.25, summary.P99);
    }

    [Fact]
    public void Summarize_Tail_P99SeesTheSlowOnePercent()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < 980; i++)
        {
            recorder.Record(TimeSpan.FromMicroseconds(10));
        }

        for (var i = 0; i < 20; i++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(100));
        }

        var summary = recorder.Summarize();
        AssertNear(10e-6, summary.P50);
        AssertNear(10e-6, summary.P90);
        AssertNear(0.1, summary.P99);
    }

    private static void AssertNear(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= expected * 0.13, $"expected {expected} s within 13 %, got {actual} s");
}
