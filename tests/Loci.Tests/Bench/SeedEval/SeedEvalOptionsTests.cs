using System.Text.Json;
using Loci.Bench.SeedEval;

namespace Loci.Tests.Bench.SeedEval;

public class SeedEvalOptionsTests
{
    [Fact]
    public void TryParse_NoOptions_SeedMethodDefaults()
    {
        Assert.True(SeedEvalOptionsParser.TryParse([], out var options, out _));

        Assert.Equal([200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000], options.SiteSteps());
        Assert.Equal([4, 5, 6], options.Figures);
        Assert.Equal(0.05, options.NotifyShare);
        Assert.Equal(20, options.Periods);
        Assert.Equal(500, options.MinRate);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StepDuration);
        Assert.Equal(2000, options.EffectiveRateSites);
        Assert.True(options.Pin);
        Assert.True(options.Encapsulated);
    }

    [Fact]
    public void TryParse_QuickThenExplicitOptions_ExplicitOnesWinInAnyOrder()
    {
        Assert.True(SeedEvalOptionsParser.TryParse(["--messages", "50", "--quick", "--sites", "10:30:10", "--step", "300ms", "--no-pin", "--request", "native"], out var options, out var error), error);

        Assert.True(options.Quick);
        Assert.Equal(50, options.Messages);
        Assert.Equal([10, 20, 30], options.SiteSteps());
        Assert.Equal(TimeSpan.FromMilliseconds(300), options.StepDuration);
        Assert.Equal(2, options.MaxRateSteps);
        Assert.Equal(10, options.EffectiveRateSites); // quick: Fig. 6 on the smallest draw
        Assert.False(options.Pin);
        Assert.False(options.Encapsulated);
    }

    [Theory]
    [InlineData(500, 1.5, 750)]
    [InlineData(750, 1.5, 1100)]
    [InlineData(1100, 1.5, 1700)]
    [InlineData(500, 2, 1000)]
    [InlineData(97_000, 1.5, 150_000)]
    [InlineData(10, 1.05, 11)]
    public void NextRate_TimesFactor_TwoSignificantDigits(long rate, double factor, long expected) =>
        Assert.Equal(expected, ReplyRateSweep.NextRate(rate, factor));

    [Theory]
    [InlineData(1000, 1000, 0, null, false)]
    [InlineData(1000, 1000, 1.5, null, true)]
    [InlineData(1500, 1010, 0, 1000.0, true)]
    [InlineData(1500, 1490, 0.5, 1000.0, false)]
    public void Saturated_LossAbove1PercentOrRepliesStopGrowing(long rate, double replies, double loss, double? previousReplies, bool expected)
    {
        var row = new Fig6Row(rate, rate, replies, loss, 100, 200, (long)replies, 0, true, 0);
        var previous = previousReplies is { } p ? row with { ReplyRate = p } : null;

        Assert.Equal(expected, ReplyRateSweep.Saturated(row, previous));
    }

    [Theory]
    [InlineData(true, 1000, false)]
    [InlineData(false, 950, false)]
    [InlineData(false, 850, true)]
    public void GeneratorLimited_NotValidAndUnder90PercentSent(bool valid, double sent, bool expected)
    {
        var row = new Fig6Row(1000, sent, sent, 0, 100, 200, (long)sent, 0, valid, 1000 - (long)sent);

        Assert.Equal(expected, ReplyRateSweep.GeneratorLimited(row));
    }

    [Fact]
    public void LatencySummary_KnownSamples_MedianP90MeanAndInterval()
    {
        var summary = LatencySummary.Of([.. Enumerable.Range(1, 11).Select(i => (double)i)]);

        Assert.Equal(11, summary.Count);
        Assert.Equal(6, summary.Median);
        Assert.Equal(10, summary.P90, 6);
        Assert.Equal(6, summary.Mean, 6);
        Assert.Equal(2.576 * Math.Sqrt(11.0 / 11), summary.Ci99, 6); // sample variance of 1..11 is 11
        Assert.True(double.IsNaN(LatencySummary.Of([]).Median));
    }

    [Fact]
    public void LoadStepParse_GeneratorJson_Fig6Row()
    {
        using var json = JsonDocument.Parse("""
            { "offered_rate": 2000, "send_rate": 1999.5, "answered_rate": 1990.25, "loss_percent": 0.4,
              "latency_us": { "p50": 80.5, "p99": 900 }, "replies": { "positive": 9950, "negative": 3 },
              "valid": true, "generator_lag": { "skipped": 0 } }
            """);

        var row = LoadStep.Parse(json.RootElement);

        Assert.Equal(new Fig6Row(2000, 1999.5, 1990.25, 0.4, 80.5, 900, 9950, 3, true, 0), row);
    }

    [Fact]
    public void NodeConfig_ParsesAsALociConfig_OneSiteOwningAllIPv4()
    {
        var config = Loci.Config.NodeConfigLoader.Parse(NodeProcess.Config(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 14342)));

        var site = Assert.Single(config.MapServer!.Sites);
        Assert.Equal("0.0.0.0/0", Assert.Single(site.Prefixes).ToString());
        Assert.Equal(0, config.Api.Port);
        Assert.Equal("127.0.0.1:14342", config.MapServer.Bind[0].ToString());
    }
}
