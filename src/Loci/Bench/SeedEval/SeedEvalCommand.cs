using System.Diagnostics;
using System.Globalization;
using Loci.Cli;
using Loci.Prefixes;
using Loci.Prefixes.Datasets;

namespace Loci.Bench.SeedEval;

/// <summary>
/// <c>loci bench seed-eval</c>: seed 002's evaluation (issue 6) in one command. Fig. 4 (map-server
/// and map-resolver processing latency vs 200-2,000 sites), Fig. 5 (the map-table's depth, nodes
/// and prefixes over the same sites) and Fig. 6 (Map-Reply rate vs Map-Request rate up to
/// saturation), each written as CSV and SVG, with a markdown summary of machine, command and tables.
/// </summary>
internal static class SeedEvalCommand
{
    public const string Usage = """
        usage: loci bench seed-eval [--out DIR] [--figures 4,5,6] [--quick] [options]
          Reproduces seed 002's evaluation on Loci: Fig. 4 processing latency of the map-server (Map-Register
          check, update, Map-Notify for ~5 %) and map-resolver (lookup, Map-Reply) vs 200..2,000 sites of
          1-100 prefixes from the real routing table (/16s fragmented into /24s); Fig. 5 the map-table's depth,
          nodes and prefixes for the same sites; Fig. 6 Map-Reply rate vs Map-Request rate from 500/s up to
          saturation (node on core 0, generator on core 1 with taskset). Writes DIR/fig4-processing-latency,
          fig5-map-table and fig6-reply-rate as .csv and .svg, and DIR/summary.md.
          --out DIR            output directory (default bench-results/seed-eval)
          --figures LIST       which figures, e.g. 4,5 (default 4,5,6)
          --quick              quick look / tests: sites 200:400:100, 200 messages, 2 rate steps of 1 s
          --cache DIR          dataset cache (default $LOCI_CACHE or ~/.cache/loci; fetched with npm when missing)
          --seed N             seed of the site draws and messages (default 1; same draws as lpm-shape)
        Fig. 4 and 5
          --sites MIN:MAX:STEP numbers of sites (default 200:2000:100)
          --messages N         timed messages per series and step (default 2,000; the seed: ~400)
          --periods N          spaced test periods per series (default 20, as the seed)
          --period-gap T       pause between periods (default 20ms)
          --notify-share F     share of Map-Registers wanting a Map-Notify (default 0.05, as the seed)
          --request ecm|native Map-Request form for Fig. 4 and 6 (default ecm, as an ITR sends it)
        Fig. 6
          --rate-sites N       sites whose prefixes the node holds (default the largest of --sites)
          --min-rate R         first rate (default 500/s)    --max-rate R   highest rate (default 1M/s)
          --rate-factor F      growth per step (default 1.5) --max-steps N  at most N steps (default 30)
          --past-saturation N  steps after saturation (loss > 1 % or replies stop growing; default 1)
          --step T             measured time per step (default 5s, up to 1 min)
          --step-warmup T      warm-up per step (default 1s)
          --no-pin             do not pin with taskset
        exit 0 done, 1 a measurement check or a child process (node, generator) failed, 2 bad command line,
        3 dataset or files unavailable
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!SeedEvalOptionsParser.TryParse(args, out var options, out var error))
        {
            stderr.WriteLine($"loci bench seed-eval: {error}");
            stderr.WriteLine("Run `loci bench seed-eval --help` for the options.");
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        try
        {
            Directory.CreateDirectory(options.OutputDirectory);
            var run = Measure(options, stderr);
            Write(run, stdout);
            return ExitCodes.Ok;
        }
        catch (DatasetUnavailableException e)
        {
            stderr.WriteLine($"loci bench seed-eval: {e.Message}");
            return ExitCodes.IoError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or System.ComponentModel.Win32Exception)
        {
            stderr.WriteLine($"loci bench seed-eval: {e.Message}");
            return ExitCodes.IoError;
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"loci bench seed-eval: {e.Message}");
            return ExitCodes.Malformed;
        }
    }

    private static SeedEvalRun Measure(SeedEvalOptions options, TextWriter log)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Collect();
        log.WriteLine($"machine: {machine.CpuModel}, {machine.Cores} cores, {machine.Runtime}; load average {machine.LoadAverage}");
        var dataset = LpmBench.LoadDataset(options.CacheDirectory, log);
        var pool = LpmBench.FragmentedIpv4Pool(dataset);
        log.WriteLine($"pool: {pool.Length:N0} IPv4 prefixes after fragmenting /16s into /24s");

        var fig4 = new List<Fig4Row>();
        var fig5 = new List<double[]>();
        if (options.Figures.Contains(4) || options.Figures.Contains(5))
        {
            foreach (var sites in options.SiteSteps())
            {
                var drawn = Draw(pool, sites, options);
                if (options.Figures.Contains(5))
                {
                    fig5.Add(LpmBench.ShapeOf(sites, drawn));
                }

                if (options.Figures.Contains(4))
                {
                    fig4.Add(MeasureLatency(sites, drawn, options, firstStep: fig4.Count == 0));
                    var r = fig4[^1];
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sites,5} sites, {r.Prefixes,7:N0} prefixes: MS full {r.Full.Median,7:0.0} µs (p90 {r.Full.P90:0.0}), fast {r.Fast.Median,5:0.0} µs, MR {r.Request.Median,5:0.00} µs (p90 {r.Request.P90:0.00})"));
                }
                else
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sites,5} sites: {fig5[^1][1],7:N0} prefixes"));
                }
            }
        }

        Fig6Result? fig6 = null;
        if (options.Figures.Contains(6))
        {
            var prefixes = Draw(pool, options.EffectiveRateSites, options).SelectMany(s => s).ToArray();
            fig6 = ReplyRateSweep.Run(prefixes, options, log);
        }

        return new SeedEvalRun(options, machine, MachineInfo.LoadAverageNow(), dataset.Source, pool.Length, fig4, fig5, fig6, started, clock.Elapsed);
    }

    /// <summary>The sites of one step: lpm-shape's draw (run 0), so Fig. 4, Fig. 5 and lpm-shape agree.</summary>
    private static EidPrefix[][] Draw(EidPrefix[] pool, int sites, SeedEvalOptions options) =>
        LpmBench.DrawSites(pool, sites, new Random(LpmBench.DrawSeed(options.Seed, sites, run: 0)));

    private static Fig4Row MeasureLatency(int sites, EidPrefix[][] drawn, SeedEvalOptions options, bool firstStep)
    {
        if (firstStep)
        {
            // A throwaway run first, so that even the first step's first registrations run warm code.
            using var warmup = new ProcessingLatencyStep(drawn, options, new Random(options.Seed));
            warmup.Measure(sites, longWarmup: true);
        }

        // The previous map-server is garbage now: collect it before timing, not during.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var step = new ProcessingLatencyStep(drawn, options, new Random(LpmBench.DrawSeed(options.Seed, sites, run: 0) ^ 0x5EED));
        return step.Measure(sites, longWarmup: false);
    }

    private static void Write(SeedEvalRun run, TextWriter stdout)
    {
        var dir = run.Options.OutputDirectory;
        var machine = $"{run.Machine.CpuModel}, {run.Machine.Runtime}";
        void Save(string name, string text)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, text);
            stdout.WriteLine($"wrote {path}");
        }

        if (run.Fig4.Count > 0)
        {
            Save(SeedEvalCsv.Fig4File + ".csv", SeedEvalCsv.Fig4(run.Fig4));
            Save(SeedEvalCsv.Fig4File + ".svg", SeedEvalCharts.Fig4(run.Fig4, machine));
        }

        if (run.Fig5.Count > 0)
        {
            Save(SeedEvalCsv.Fig5File + ".csv", SeedEvalCsv.Fig5(run.Fig5));
            Save(SeedEvalCsv.Fig5File + ".svg", SeedEvalCharts.Fig5(run.Fig5, run.PoolPrefixes));
        }

        if (run.Fig6 is { } fig6)
        {
            Save(SeedEvalCsv.Fig6File + ".csv", SeedEvalCsv.Fig6(fig6.Rows));
            Save(SeedEvalCsv.Fig6File + ".svg", SeedEvalCharts.Fig6(fig6, machine));
        }

        Save("summary.md", SeedEvalSummary.Render(run));
    }
}
