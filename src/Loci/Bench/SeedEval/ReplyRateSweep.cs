using System.Globalization;
using Loci.Bench.Load;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Bench.SeedEval;

/// <summary>
/// Seed 002 Fig. 6: Map-Reply rate against Map-Request rate, from 500/s up to saturation. A node
/// (child process, core 0) holds proxy-reply registrations of every prefix of the Fig. 6 sites,
/// made with <c>loci bench load</c>'s <c>--register-first</c> code in this process before any
/// step; then each step is one <c>loci bench load</c> run (child process, core 1) at a
/// geometrically growing rate. Saturation: loss above 1 %, or an answered rate that stops
/// growing; the sweep runs <see cref="SeedEvalOptions.PastSaturation"/> more steps to show the
/// curve past the knee, and stops at once when the generator itself cannot keep up (sends under
/// 90 % of the rate).
/// </summary>
internal static class ReplyRateSweep
{
    public const double SaturationLossPercent = 1;

    /// <summary>An answered rate below 1.02 × the previous step's has stopped growing.</summary>
    public const double GrowthThreshold = 1.02;

    /// <summary>A generator that sends less than this share of the offered rate has reached its own limit.</summary>
    public const double GeneratorLimitShare = 0.9;

    public static Fig6Result Run(EidPrefix[] prefixes, SeedEvalOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var pinning = CorePinning.Detect(options.Pin);
        log.WriteLine($"Fig. 6: {pinning.Note}");
        var work = Directory.CreateTempSubdirectory("loci-seed-eval-");
        try
        {
            var eidFile = Path.Combine(work.FullName, "fig6-eids.txt");
            File.WriteAllLines(eidFile, prefixes.Select(p => p.ToString()));
            using var node = NodeProcess.Start(pinning, work.FullName);
            log.WriteLine($"Fig. 6: node answering on {node.Endpoint}: {node.CommandLine}");
            var registered = Register(node, prefixes, options, log);

            var rows = new List<Fig6Row>();
            var stop = $"--max-steps {options.MaxRateSteps} reached";
            var past = -1;
            var rate = options.MinRate;
            for (var step = 0; step < options.MaxRateSteps; step++)
            {
                var row = LoadStep.Run(pinning, node.Endpoint, rate, options, eidFile);
                rows.Add(row);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rate,9:N0}/s requested: {row.ReplyRate,11:N0}/s replies, loss {row.LossPercent,7:0.000} %, p50 {row.P50Microseconds,8:N1} µs, p99 {row.P99Microseconds,9:N1} µs{(row.Valid ? "" : "  (generator lagged: NOT VALID)")}"));
                if (GeneratorLimited(row))
                {
                    stop = string.Create(CultureInfo.InvariantCulture, $"the generator sent only {row.SentRate:N0} of {rate:N0}/s: its limit on this machine (or its core was shared), not the node's");
                    break;
                }

                if (past < 0 && Saturated(row, rows.Count > 1 ? rows[^2] : null))
                {
                    past = 0;
                    stop = string.Create(CultureInfo.InvariantCulture, $"saturated at {rate:N0}/s requested ({row.LossPercent:0.##} % loss, {row.ReplyRate:N0}/s replies)");
                }
                else if (past >= 0)
                {
                    past++;
                }

                if (past >= options.PastSaturation)
                {
                    break;
                }

                var next = NextRate(rate, options.RateFactor);
                if (next > options.MaxRate)
                {
                    stop = past >= 0 ? stop : string.Create(CultureInfo.InvariantCulture, $"--max-rate {options.MaxRate:N0}/s reached without saturation");
                    break;
                }

                rate = next;
            }

            var generator = "loci " + string.Join(' ', LoadStep.Arguments(node.Endpoint, options.MinRate, options, "EIDS"));
            var config = string.Join(' ', NodeProcess.Config(node.Endpoint).Split('\n', StringSplitOptions.TrimEntries));
            return new Fig6Result(rows, pinning, prefixes.Length, registered, node.CommandLine, config, generator, stop);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Loss above 1 %, or fewer replies per second than 1.02 × the previous step's.</summary>
    public static bool Saturated(Fig6Row row, Fig6Row? previous)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.LossPercent > SaturationLossPercent || (previous is not null && row.ReplyRate < previous.ReplyRate * GrowthThreshold);
    }

    /// <summary>
    /// The generator fell well behind its schedule: the step measured the generator, so going
    /// higher is pointless. A step that lagged a little (a few messages skipped when its core was
    /// briefly taken) is kept, marked not valid, and the sweep goes on.
    /// </summary>
    public static bool GeneratorLimited(Fig6Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return !row.Valid && row.SentRate < GeneratorLimitShare * row.RequestRate;
    }

    /// <summary>The next rate: × <paramref name="factor"/>, rounded to two significant digits, always higher.</summary>
    public static long NextRate(long rate, double factor)
    {
        var raw = rate * factor;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)) - 1);
        var rounded = (long)(Math.Round(raw / magnitude, MidpointRounding.AwayFromZero) * magnitude);
        return Math.Max(rounded, rate + 1);
    }

    /// <summary>Every prefix registered with P and M set, at the setup's top rate, each confirmed by a Map-Notify.</summary>
    private static int Register(NodeProcess node, EidPrefix[] prefixes, SeedEvalOptions options, TextWriter log)
    {
        using var sockets = LoadSockets.Open(node.Endpoint, source: null, count: 4);
        using var key = AuthenticationKey.FromPassword(NodeProcess.SiteKey, AuthAlgorithm.HmacSha256_128, keyId: 0);
        var pool = EidPool.Build(prefixes, splitLength: null, limit: null, options.Seed);
        ushort runId = 0;
        log.WriteLine($"Fig. 6: registering {pool.Prefixes.Length:N0} prefixes (proxy-reply) ...");
        var setup = RegistrationSetup.Run(sockets, pool.Prefixes, pool.Prefixes.Length, sockets.LocalAddress, key, RegistrationSetup.MaxRate, TimeSpan.FromSeconds(1), ReceiveMode.Threads, ref runId);
        log.WriteLine(setup.Confirmed == setup.Requested
            ? $"Fig. 6: registered {setup.Confirmed:N0} prefixes in {setup.Elapsed.TotalSeconds:0.0} s"
            : $"Fig. 6: warning: only {setup.Confirmed:N0} of {setup.Requested:N0} registrations were confirmed; requests for the rest are answered negatively");
        return setup.Confirmed;
    }
}
