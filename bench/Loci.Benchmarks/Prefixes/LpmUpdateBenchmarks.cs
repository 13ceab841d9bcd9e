using BenchmarkDotNet.Attributes;
using Loci.Prefixes;

namespace Loci.Benchmarks.Prefixes;

/// <summary>
/// Writes: building the full real table in one batch (issue #3 target ≤ 2 s), and one
/// registration-like insert + remove on the full table, each published as its own snapshot
/// (path copying cost).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 3, warmupCount: 2, iterationCount: 8)]
public class LpmUpdateBenchmarks
{
    private const int Updates = 1024;
    private KeyValuePair<EidPrefix, int>[] _entries = null!;
    private EidTable<int> _full = null!;
    private EidPrefix[] _updates = null!;

    [GlobalSetup]
    public void Setup()
    {
        _entries = LpmFixture.Entries();
        _full = new EidTable<int>();
        _full.SetRange(_entries);

        // More-specifics inside real prefixes, as new site registrations would be.
        _updates = LpmFixture.Queries(EidFamily.IPv4, Updates * 2, 3).Where((_, i) => i % 2 == 0)
            .Select(q => q.WithLength(28)).ToArray();
    }

    [Benchmark]
    public int BuildFullTable()
    {
        var table = new EidTable<int>();
        table.SetRange(_entries);
        return table.Count;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public int SetThenRemoveOnFullTable()
    {
        var n = 0;
        foreach (var p in _updates)
        {
            n += _full.Set(p, 1) ? 1 : 0;
            n += _full.Remove(p) ? 1 : 0;
        }

        return n;
    }
}
