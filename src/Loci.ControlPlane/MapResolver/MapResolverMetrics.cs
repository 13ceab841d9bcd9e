using System.Diagnostics.Metrics;
using Loci.ControlPlane.Observability;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// The Map-Resolver's instruments, meter "Loci.MapResolver": its counters as observable counters
/// ("loci.mapresolver.requests.received", ...) and the resolution latency, from the ITR's
/// Map-Request to the end of the Map-Resolver's part, as a histogram in seconds
/// ("loci.mapresolver.resolution.duration", tags "outcome" positive/negative/failed and
/// "answered_by" ddt, after a walk of the DDT tree, or local, from the negative cache or because no
/// Map-Server serves the EID). The same durations feed <see cref="Latency"/> for the management API.
/// Forwarded requests (map-server-list mode) are not timed: the Map-Resolver never sees their answer.
/// </summary>
internal sealed class MapResolverMetrics : IDisposable
{
    public const string MeterName = "Loci.MapResolver";

    /// <summary>Bucket bounds in seconds (the OpenTelemetry default buckets are for milliseconds).</summary>
    private static readonly double[] Buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Tag sets by [outcome, local]: preallocated so recording allocates nothing.</summary>
    private static readonly KeyValuePair<string, object?>[][] Tags =
    [
        [new("outcome", "positive"), new("answered_by", "ddt")],
        [new("outcome", "positive"), new("answered_by", "local")],
        [new("outcome", "negative"), new("answered_by", "ddt")],
        [new("outcome", "negative"), new("answered_by", "local")],
        [new("outcome", "failed"), new("answered_by", "ddt")],
        [new("outcome", "failed"), new("answered_by", "local")],
    ];

    private readonly Meter _meter;
    private readonly Histogram<double> _resolution;

    public MapResolverMetrics(IMeterFactory? meterFactory, MapResolverCounters counters)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _resolution = _meter.CreateHistogram(
            "loci.mapresolver.resolution.duration",
            "s",
            "Time from an ITR's Map-Request to the Map-Resolver's answer or hand-off (MS-ACK)",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        foreach (var counter in Enum.GetValues<MapResolverCounter>())
        {
            _meter.CreateObservableCounter("loci.mapresolver." + DottedName(counter), () => counters[counter], unit: "{message}");
        }
    }

    public LatencyRecorder Latency { get; } = new();

    public void Record(ResolutionOutcome outcome, bool local, TimeSpan elapsed)
    {
        Latency.Record(elapsed);
        _resolution.Record(elapsed.TotalSeconds, Tags[((int)outcome * 2) + (local ? 1 : 0)]);
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>RequestsReceived → "requests.received", the Map-Server's naming style.</summary>
    private static string DottedName(MapResolverCounter counter)
    {
        var name = counter.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('.');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
