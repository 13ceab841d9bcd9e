using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Loci.Api;

namespace Loci.Bench.Load;

/// <summary>
/// <c>--node-api</c>: reads a Loci node's <c>/api/runtime</c> (GC and memory figures). Other
/// implementations have no such API, so a failure is a message in the report, never the end of the run;
/// the short timeout bounds what a silent address can cost.
/// </summary>
internal sealed class NodeRuntimeProbe(Uri url) : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxLead = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Measured on loopback: a reading after a pause takes two to four times the back-to-back one
    /// (about 0.7 ms), and the timed wait before it returns up to a millisecond late. 5 ms of warm-up
    /// left after the sample is noise next to any measured phase (250 messages at 50,000/s).
    /// </summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(5);

    private readonly HttpClient _http = new() { Timeout = Timeout };
    private RuntimeView? _before;
    private string? _error;
    private long _readingBytes;

    public Uri Url => url;

    /// <summary>
    /// How long before the measured phase to start the reading at its start, so the node is sampled
    /// before the first measured message (the node reads its figures before it answers): the fastest
    /// reading of <see cref="Check"/> (at most <see cref="MaxLead"/>) plus <see cref="Margin"/>. Zero
    /// when the node cannot be read.
    /// </summary>
    public TimeSpan Lead { get; private set; }

    /// <summary>
    /// The first readings, before any setup: an early warning when there is no API, and a warm
    /// connection, so the reading at the start of the measured phase takes a loopback round trip, not
    /// a connection set-up. The last two, back to back, measure what one reading allocates in the node
    /// (the first is cold), which the measured difference includes. Returns why the node cannot be read, or null.
    /// </summary>
    public string? Check()
    {
        RuntimeView? previous = null;
        Lead = MaxLead + Margin;
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (!TryRead(out var view, out var error))
            {
                _error = error;
                Lead = TimeSpan.Zero;
                return _error;
            }

            Lead = Min(Lead, Stopwatch.GetElapsedTime(started) + Margin);
            _readingBytes = previous is null ? 0 : Math.Max(0, view.AllocatedBytes - previous.AllocatedBytes);
            previous = view;
        }

        return null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The reading just before the measured phase (after set-up and warm-up).</summary>
    public void ReadBefore()
    {
        if (_error is null && !TryRead(out _before, out var error))
        {
            _error = $"before the measured phase: {error}";
        }
    }

    /// <summary>The reading just after the measured phase (after the wait for late replies), and the report of both.</summary>
    public NodeRuntimeReport ReadAfter()
    {
        if (_error is not null)
        {
            return NodeRuntimeReport.Failed(url, _error);
        }

        if (_before is null)
        {
            return NodeRuntimeReport.Failed(url, "the node was not read before the measured phase");
        }

        return TryRead(out var after, out var error)
            ? NodeRuntimeReport.Measured(url, _before, after, _readingBytes)
            : NodeRuntimeReport.Failed(url, $"after the measured phase: {error}");
    }

    /// <summary>One synchronous GET: the load run calls it from its own thread between phases, not per message.</summary>
    private bool TryRead([NotNullWhen(true)] out RuntimeView? view, [NotNullWhen(false)] out string? error)
    {
        view = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = _http.Send(request);
            if (!response.IsSuccessStatusCode)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} (an older Loci, or not a Loci node API?)");
                return false;
            }

            using var body = response.Content.ReadAsStream();
            view = JsonSerializer.Deserialize<RuntimeView>(body);
            if (view?.GcCollections is null)
            {
                view = null;
                error = $"{url} answered, but not with runtime figures";
                return false;
            }

            error = null;
            return true;
        }
        catch (HttpRequestException e)
        {
            error = $"cannot reach {url}: {e.Message}";
        }
        catch (OperationCanceledException)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{url} did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            error = $"{url} answered, but not with runtime figures: {e.Message}";
        }

        return false;
    }

    public void Dispose() => _http.Dispose();
}
