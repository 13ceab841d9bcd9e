using Loci.Bench.Load;

namespace Loci.Tests.Bench;

public class NotifyScheduleTests
{
    [Theory]
    [InlineData(0.0, 1000, 0)]
    [InlineData(1.0, 1000, 1000)]
    [InlineData(0.25, 1000, 250)]
    [InlineData(0.05, 1000, 50)]
    [InlineData(0.333333, 999_999, 333_332)]
    public void Count_FirstN_IsFloorOfNTimesFraction(double fraction, long n, long expected)
    {
        var schedule = new NotifySchedule(fraction);
        Assert.Equal(expected, schedule.Count(0, n));
    }

    [Fact]
    public void Wants_AgreesWithCount_OverAnyRange_AndIsEvenlySpread()
    {
        var schedule = new NotifySchedule(0.05);
        var wanted = Enumerable.Range(0, 10_000).Where(i => schedule.Wants(i)).ToList();
        Assert.Equal(500, wanted.Count);
        Assert.All(wanted.Zip(wanted.Skip(1)), pair => Assert.Equal(20, pair.Second - pair.First));
        Assert.Equal(wanted.Count(i => i is >= 1234 and < 5678), schedule.Count(1234, 5678));
    }

    [Fact]
    public void Constructor_FractionOutsideZeroToOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NotifySchedule(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NotifySchedule(-0.1));
    }
}
