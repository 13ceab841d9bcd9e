using BenchmarkDotNet.Running;
using Loci.Benchmarks.Pipeline;

namespace Loci.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites: `dotnet run -c Release --project bench/Loci.Benchmarks -- --filter '*'`.
/// Two extra modes: `--check-budget [budget.json]` (the CI allocation gate, scripts/check-allocations.sh)
/// and `--alloc-profile [filter]` (bytes per operation by type, outside BenchmarkDotNet).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--check-budget", .. var budget])
        {
            return BudgetCheck.Run(budget);
        }

        if (args is ["--alloc-profile", .. var filter])
        {
            return AllocationProfile.Run(filter);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
