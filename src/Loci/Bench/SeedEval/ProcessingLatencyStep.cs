using System.Diagnostics;
using System.Net;
using Loci.Bench.Load;
using Loci.ControlPlane;
using Loci.ControlPlane.MapServers;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Bench.SeedEval;

/// <summary>
/// Seed 002 Fig. 4 for one number of sites: the real Map-Server role (sans-I/O, DESIGN §2) timed
/// in-process, Stopwatch ticks around <see cref="MapServer.Receive"/>, which includes parsing, the
/// HMAC, the map-table work and writing and "sending" the Map-Notify or Map-Reply (a copy into a
/// buffer, <see cref="CountingSender"/>). As in the seed the two flows run apart ("the two
/// signaling flows have not been sent concurrently") and in spaced test periods; every timed
/// message is checked to have taken the path it stands for, so a figure cannot silently measure
/// a rejection.
/// </summary>
internal sealed class ProcessingLatencyStep : IDisposable
{
    private static readonly IPEndPoint Local = new(IPAddress.Loopback, LispPorts.ControlPlane);
    private static readonly IPEndPoint Itr = new(IPAddress.Parse("192.0.2.1"), LispPorts.ControlPlane);

    private static readonly TimeSpan LongWarmup = TimeSpan.FromSeconds(3);

    private readonly SeedEvalOptions _options;
    private readonly Random _random;
    private readonly SiteRegisters _registers;
    private readonly CountingSender _sender = new();
    private readonly MapServer _server;
    private readonly byte[] _message;
    private readonly int[] _variant;
    private readonly bool[] _notify;
    private readonly EidPool _hosts;
    private readonly RequestTemplate _request;

    public ProcessingLatencyStep(EidPrefix[][] sites, SeedEvalOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(sites);
        _options = options;
        _random = random;
        _registers = new SiteRegisters(sites);
        _server = new MapServer(_registers.ServerOptions(), _sender, TimeProvider.System, Local);
        _message = new byte[Math.Max(_registers.MaxLength, 1024)];
        _variant = new int[sites.Length];
        _notify = new bool[sites.Length];

        // Hosts to ask for: random addresses inside the registered prefixes (the generator's EID pool).
        _hosts = EidPool.Build([.. sites.SelectMany(s => s)], splitLength: null, limit: null, random.Next());
        _request = RequestTemplate.Create(EidFamily.IPv4, Itr.Address, options.Encapsulated, ddtOriginated: false);
    }

    /// <summary>
    /// Registers every site, warms up, then times each series in <see cref="SeedEvalOptions.Periods"/>
    /// spaced periods. <paramref name="longWarmup"/>: keep warming up for a few seconds (the
    /// process's first measurement, see <see cref="WarmUp"/>).
    /// </summary>
    public Fig4Row Measure(int sites, bool longWarmup)
    {
        var first = new List<double>(_variant.Length);
        for (var site = 0; site < _variant.Length; site++)
        {
            first.Add(Register(site, variant: 0, Notify(), expectFast: false));
        }

        WarmUp(longWarmup ? LongWarmup : TimeSpan.Zero);
        var notifiesBefore = _sender.Count(MessageType.MapNotify);
        var full = RunSeries(_options.Messages, _options.Periods, Full);
        var notifyShare = (double)(_sender.Count(MessageType.MapNotify) - notifiesBefore) / full.Count;
        var fast = RunSeries(_options.Messages, _options.Periods, Fast);
        var request = RunSeries(_options.Messages, _options.Periods, Request);
        var prefixes = _registers.Sites.Sum(s => s.Length);
        return new Fig4Row(
            sites,
            prefixes,
            (double)prefixes / _variant.Length,
            LatencySummary.Of(first),
            LatencySummary.Of(full),
            LatencySummary.Of(fast),
            LatencySummary.Of(request),
            notifyShare);
    }

    public void Dispose()
    {
        _server.Dispose();
        _registers.Dispose();
    }

    /// <summary>
    /// Untimed rounds of every series. Tiered compilation promotes hot methods in the background
    /// some 100 ms after their 30th call (twice with dynamic PGO), so the first step keeps warming
    /// up, with pauses, for <paramref name="atLeast"/>: the timed code is then the final code.
    /// </summary>
    private void WarmUp(TimeSpan atLeast)
    {
        var messages = Math.Min(_options.Messages, 300);
        var clock = Stopwatch.StartNew();
        do
        {
            RunSeries(messages, periods: 1, Full);
            RunSeries(messages, periods: 1, Fast);
            RunSeries(messages, periods: 1, Request);
            if (clock.Elapsed < atLeast)
            {
                Thread.Sleep(200);
            }
        }
        while (clock.Elapsed < atLeast);
    }

    private List<double> RunSeries(int messages, int periods, Func<double> timedMessage)
    {
        var samples = new List<double>(messages);
        for (var period = 0; period < periods; period++)
        {
            var end = (int)((long)messages * (period + 1) / periods);
            while (samples.Count < end)
            {
                samples.Add(timedMessage());
            }

            if (period + 1 < periods && _options.PeriodGap > TimeSpan.Zero)
            {
                Thread.Sleep(_options.PeriodGap);
            }
        }

        return samples;
    }

    /// <summary>A random site re-registers with its other locator: new content, so the full path.</summary>
    private double Full()
    {
        var site = _random.Next(_variant.Length);
        return Register(site, 1 - _variant[site], Notify(), expectFast: false);
    }

    /// <summary>
    /// A random site re-registers unchanged: the fast path. The M bit is part of the content the
    /// Map-Server hashes, so a site whose last register had the other M bit first re-registers
    /// with this one, untimed.
    /// </summary>
    private double Fast()
    {
        var site = _random.Next(_variant.Length);
        var notify = Notify();
        if (_notify[site] != notify)
        {
            Register(site, _variant[site], notify, expectFast: false);
        }

        return Register(site, _variant[site], notify, expectFast: true);
    }

    private double Request()
    {
        var host = _hosts.Queries[_random.Next(_hosts.Queries.Length)];
        var length = _request.Write(_message, (ulong)_random.NextInt64(), host, (ushort)Itr.Port);
        var positive = _server.Counters.RepliesPositive;
        var elapsed = Time(_message.AsSpan(0, length), Itr);
        Check(_server.Counters.RepliesPositive == positive + 1, $"a Map-Request for {host} was not answered with a positive Map-Reply");
        return elapsed;
    }

    private double Register(int site, int variant, bool notify, bool expectFast)
    {
        var length = _registers.Write(_message, site, variant, notify, (ulong)_random.NextInt64());
        var accepted = _server.Counters.RegistersAccepted;
        var fast = _server.Counters.FastRefreshes;
        var elapsed = Time(_message.AsSpan(0, length), _registers.Etrs[site]);
        Check(_server.Counters.RegistersAccepted == accepted + 1, $"site {site}'s Map-Register was rejected (auth failures {_server.Counters.AuthFailures}, prefix rejections {_server.Counters.PrefixRejected})");
        Check(_server.Counters.FastRefreshes == fast + (expectFast ? 1 : 0), $"site {site}'s Map-Register took the {(expectFast ? "full" : "fast")} path, not the {(expectFast ? "fast" : "full")} one");
        _variant[site] = variant;
        _notify[site] = notify;
        return elapsed;
    }

    private double Time(ReadOnlySpan<byte> payload, IPEndPoint source)
    {
        var start = Stopwatch.GetTimestamp();
        _server.Receive(new InboundDatagram(payload, source, Local));
        var end = Stopwatch.GetTimestamp();
        return (end - start) * 1e6 / Stopwatch.Frequency;
    }

    private bool Notify() => _random.NextDouble() < _options.NotifyShare;

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"seed-eval Fig. 4: {problem}; the figure would not measure what it claims.");
        }
    }
}
