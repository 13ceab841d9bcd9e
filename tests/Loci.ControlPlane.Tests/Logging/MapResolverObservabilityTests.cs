using System.Diagnostics.Metrics;
using Loci.ControlPlane.MapResolvers;
using Loci.ControlPlane.Tests.Support;
using Loci.Wire;
using Microsoft.Extensions.Logging;
using static Loci.ControlPlane.Tests.MapResolver.DdtMessages;
using Resolver = Loci.ControlPlane.MapResolvers.MapResolver;

namespace Loci.ControlPlane.Tests.Logging;

/// <summary>
/// The Map-Resolver's resolution-latency histogram (time on the role's clock from the ITR's request
/// to the answer, tagged by outcome) and its aggregated give-up warning.
/// </summary>
public sealed class MapResolverObservabilityTests : IDisposable
{
    private const int GaveUp = 308;
    private const int GaveUpSummary = 309;

    private readonly RecordingSender _sender = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly CapturingLogger _log = new();
    private readonly SingleMeterFactory _meters = new();
    private readonly MeterListener _listener = new();
    private readonly List<(double Seconds, string Outcome, string AnsweredBy)> _measurements = [];
    private readonly Resolver _resolver;

    public MapResolverObservabilityTests()
    {
        _resolver = new Resolver(new MapResolverOptions { Mode = MapResolverMode.Ddt, DdtRoots = [Root] }, _sender, _clock, _meters, _log);

        // Other tests build resolvers in parallel on the same meter name: listen to this one's meter only.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _meters.Created) && instrument.Name == "loci.mapresolver.resolution.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? outcome = null, answeredBy = null;
            foreach (var tag in tags)
            {
                outcome = tag.Key == "outcome" ? (string?)tag.Value : outcome;
                answeredBy = tag.Key == "answered_by" ? (string?)tag.Value : answeredBy;
            }

            _measurements.Add((value, outcome!, answeredBy!));
        });
        _listener.Start();
    }

    [Fact]
    public void MsAck_RecordsPositiveWithTheWalkDuration()
    {
        Deliver(_resolver, ItrEcm(1, "10.1.0.7"), Itr);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Deliver(_resolver, Referral(1, "10.0.0.0/8", ReferralAction.NodeReferral, 1440, "127.0.0.11"), Root);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Deliver(_resolver, Referral(1, "10.1.0.0/16", ReferralAction.MsReferral, 1440, "127.0.0.20"), Node);
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Deliver(_resolver, Referral(1, "10.1.0.0/24", ReferralAction.MsAck, 1440, "127.0.0.20"), MsEndpoint);

        var (seconds, outcome, answeredBy) = Assert.Single(_measurements);
        Assert.Equal(0.25, seconds, 9);
        Assert.Equal("positive", outcome);
        Assert.Equal("ddt", answeredBy);
        Assert.Equal(1, _resolver.ResolutionLatency.Count);
    }

    [Fact]
    public void DelegationHole_ThenNegativeCacheHit_NegativeFromDdtThenLocal()
    {
        Deliver(_resolver, ItrEcm(2, "10.9.0.1"), Itr);
        _clock.Advance(TimeSpan.FromMilliseconds(30));
        Deliver(_resolver, Referral(2, "10.8.0.0/13", ReferralAction.DelegationHole, 15), Root);
        Deliver(_resolver, ItrEcm(3, "10.9.0.2"), Itr);

        Assert.Equal(
            [(0.03, "negative", "ddt"), (0.0, "negative", "local")],
            _measurements.Select(m => (Math.Round(m.Seconds, 6), m.Outcome, m.AnsweredBy)));
    }

    [Fact]
    public void SilentRoots_EveryRequestFails_OneWarningThenASummary()
    {
        for (var i = 0; i < 10; i++)
        {
            Deliver(_resolver, ItrEcm((ulong)(100 + i), $"10.1.0.{i + 1}"), Itr);
        }

        // Two attempts on the only root, one second apart, then the walk gives up.
        for (var tick = 0; tick < 4; tick++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            _resolver.OnTimer();
        }

        Assert.Equal(10, _log.Event(GaveUp).Count);
        Assert.All(_log.Event(GaveUp), e => Assert.Equal(LogLevel.Debug, e.Level));
        var warning = Assert.Single(_log.Event(GaveUpSummary));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(1L, warning.Values["Failures"]);
        Assert.Contains("no referral locator answered", warning.Message, StringComparison.Ordinal);
        Assert.Equal(10, _measurements.Count(m => m.Outcome == "failed" && m.AnsweredBy == "ddt" && m.Seconds >= 2));

        _clock.Advance(Resolver.WarningInterval);
        _resolver.OnTimer();
        Assert.Equal([1L, 9L], _log.Event(GaveUpSummary).Select(w => (long)w.Values["Failures"]!));
        Assert.DoesNotContain(_log.AboveDebug, e => e.EventId != GaveUpSummary);
    }

    [Fact]
    public void Malformed_DebugWithTheWireError()
    {
        Deliver(_resolver, [0x80, 0x00], Itr);

        var entry = Assert.Single(_log.Entries);
        Assert.Equal(300, entry.EventId);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Contains("truncated", entry.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _resolver.Dispose();
        _meters.Dispose();
    }
}
