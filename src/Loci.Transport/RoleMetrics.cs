using System.Diagnostics.Metrics;
using Loci.Wire;
using Loci.Wire.Formatting;

namespace Loci.Transport;

/// <summary>
/// The latency histograms of one <see cref="RoleRunner"/>, on its own "Loci.Transport" meter (from the
/// runner's <see cref="IMeterFactory"/> when it has one, so a test or host can tell its node's
/// instruments from another node's in the same process):
/// <list type="bullet">
/// <item><c>loci.role.processing.duration</c> (s): one <c>role.Receive</c>, the role's own work per datagram;</item>
/// <item><c>loci.role.queue.duration</c> (s): enqueue on the receive thread to dequeue on the worker, the queueing delay.</item>
/// </list>
/// Both tagged "role", "queue" and "message_type" (the LISP type nibble's name, "empty" for an empty
/// datagram), from tag arrays built here once per queue so the hot path allocates nothing. Names
/// and units follow the OpenTelemetry conventions (durations in seconds, ".duration" suffix).
/// </summary>
internal sealed class RoleMetrics : IDisposable
{
    public const string ProcessingName = "loci.role.processing.duration";

    public const string QueueName = "loci.role.queue.duration";

    /// <summary>Index of the "empty" tag set, after the sixteen type nibbles.</summary>
    public const int EmptyIndex = 16;

    /// <summary>Bucket bounds in seconds, 1 µs to 1 s (the OpenTelemetry default buckets suit milliseconds).</summary>
    private static readonly double[] Buckets =
        [0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly Meter _meter;

    public RoleMetrics(IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(TransportMetrics.MeterName) ?? new Meter(TransportMetrics.MeterName);
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets };
        Processing = _meter.CreateHistogram(ProcessingName, "s", "Time a role spent handling one datagram", tags: null, advice);
        Queueing = _meter.CreateHistogram(QueueName, "s", "Time a datagram waited in a role's queue", tags: null, advice);
    }

    public Histogram<double> Processing { get; }

    public Histogram<double> Queueing { get; }

    /// <summary>The "message_type" tag value of a datagram.</summary>
    public static string MessageTypeName(int index) => index switch
    {
        EmptyIndex => "empty",
        0 => "reserved",
        _ => FormatNames.TypeName((MessageType)index), // "map-request" ... or "type-9" for unassigned nibbles
    };

    /// <summary>Tag sets for one queue, indexed by type nibble (0-15) and <see cref="EmptyIndex"/>.</summary>
    public static KeyValuePair<string, object?>[][] TagsFor(string role, string queue)
    {
        var tags = new KeyValuePair<string, object?>[EmptyIndex + 1][];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = [new("role", role), new("queue", queue), new("message_type", MessageTypeName(i))];
        }

        return tags;
    }

    public void Dispose() => _meter.Dispose();
}
