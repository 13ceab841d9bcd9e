namespace Loci.Cli;

/// <summary>`loci bench SUITE`: whole-program benchmarks (BenchmarkDotNet micro-benchmarks live in bench/).</summary>
internal static class BenchCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("usage: loci bench <suite> [options]; suites: (none yet)");
        return ExitCodes.Usage;
    }
}
