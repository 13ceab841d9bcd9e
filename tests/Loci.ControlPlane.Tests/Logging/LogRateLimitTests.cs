using Loci.ControlPlane.Observability;

namespace Loci.ControlPlane.Tests.Logging;

public class LogRateLimitTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void TryReport_First_ReportsAtOnceWithCountOne()
    {
        var limit = new LogRateLimit(Interval, _clock);

        Assert.True(limit.TryReport(out var occurrences));
        Assert.Equal(1, occurrences);
        Assert.Equal(0, limit.Pending);
    }

    [Fact]
    public void TryReport_WithinInterval_CountsWithoutReporting()
    {
        var limit = new LogRateLimit(Interval, _clock);
        limit.TryReport(out _);

        for (var i = 0; i < 1000; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(50));
            Assert.False(limit.TryReport(out _));
        }

        Assert.Equal(1000, limit.Pending);
    }

    [Fact]
    public void TryReport_AfterInterval_ReportsEverythingSinceTheLastReport()
    {
        var limit = new LogRateLimit(Interval, _clock);
        limit.TryReport(out _);
        for (var i = 0; i < 41; i++)
        {
            limit.TryReport(out _);
        }

        _clock.Advance(Interval);

        Assert.True(limit.TryReport(out var occurrences));
        Assert.Equal(42, occurrences); // 41 held back plus this one
        Assert.False(limit.TryReport(out _));
    }

    [Fact]
    public void TryFlush_NothingPending_ReportsNothingEvenAfterTheInterval()
    {
        var limit = new LogRateLimit(Interval, _clock);
        limit.TryReport(out _);
        _clock.Advance(Interval * 3);

        Assert.False(limit.TryFlush(out var occurrences));
        Assert.Equal(0, occurrences);
    }

    [Fact]
    public void TryFlush_PendingBeforeInterval_WaitsThenReportsTheCount()
    {
        var limit = new LogRateLimit(Interval, _clock);
        limit.TryReport(out _);
        limit.TryReport(out _);
        limit.TryReport(out _);

        Assert.False(limit.TryFlush(out _));
        _clock.Advance(Interval);
        Assert.True(limit.TryFlush(out var occurrences));
        Assert.Equal(2, occurrences);

        // The flush counts as a report: the next occurrence waits for the following interval.
        Assert.False(limit.TryReport(out _));
    }

    [Fact]
    public void TryReport_ManyThreads_EveryOccurrenceReportedOrPending()
    {
        var limit = new LogRateLimit(Interval, _clock);
        long reported = 0;
        var reports = 0;
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                if (limit.TryReport(out var n))
                {
                    Interlocked.Add(ref reported, n);
                    Interlocked.Increment(ref reports);
                }
            }
        });

        Assert.Equal(1, reports); // the clock never moved: only the first occurrence is reported
        Assert.Equal(80_000, reported + limit.Pending);
    }

    [Fact]
    public void Constructor_NonPositiveInterval_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogRateLimit(TimeSpan.Zero, _clock));
}
