namespace Loci.Cli;

/// <summary>`loci bench SUITE`: whole-program benchmarks (BenchmarkDotNet micro-benchmarks live in bench/).</summary>
internal static class BenchCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => args.FirstOrDefault() switch
    {
        "lpm" => Bench.LpmBench.Run(args[1..], stdout, stderr),
        "lpm-shape" => Bench.LpmBench.RunShape(args[1..], stdout, stderr),
        "load" => Bench.Load.LoadCommand.Run(args[1..], stdout, stderr),
        "seed-eval" => Bench.SeedEval.SeedEvalCommand.Run(args[1..], stdout, stderr),
        _ => Usage(stderr),
    };

    private static int Usage(TextWriter stderr)
    {
        stderr.WriteLine("usage: loci bench lpm [--json] [--cache DIR] [--lookups N] [--seed N]");
        stderr.WriteLine("         map-table build time, bytes per prefix and lookup latency on the real routing dataset");
        stderr.WriteLine("       loci bench lpm-shape [--out DIR] [--cache DIR]");
        stderr.WriteLine("         seed 002 Fig. 5: map-table shape for 200-2,000 sites (CSV + SVG)");
        stderr.WriteLine("       loci bench load --target ADDRESS[:PORT] --mode request|ecm|register --eid-prefix P ... [--rate N] [--duration T]");
        stderr.WriteLine("         open-loop Map-Request / Map-Register load against any LISP node (--help for every option)");
        stderr.WriteLine("       loci bench seed-eval [--out DIR] [--figures 4,5,6] [--quick]");
        stderr.WriteLine("         seed 002's evaluation (Fig. 4-6): CSV, SVG charts and summary.md (--help for every option)");
        return ExitCodes.Usage;
    }
}
