using BenchmarkDotNet.Attributes;
using Loci.Prefixes;

namespace Loci.Benchmarks.Prefixes;

/// <summary>
/// Longest-prefix match on the full real table (~732k prefixes), one lookup per operation,
/// over seeded queries (half hits, half random): 4,096 queries (the nodes they touch stay in
/// cache) and 262,144 (touch most of the 13 MB table: cache-miss bound, like real traffic).
/// Issue #3 targets: IPv4 ≤ 100 ns, IPv6 ≤ 150 ns, no allocation. Three launches so the median
/// spans processes.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 3, warmupCount: 5, iterationCount: 15)]
public class LpmLookupBenchmarks
{
    private const int Queries = 4096;
    private const int ManyQueries = 262_144;
    private EidTable<int> _table = null!;
    private EidPrefix[] _ipv4 = null!;
    private EidPrefix[] _ipv6 = null!;
    private EidPrefix[] _ipv4Many = null!;
    private EidPrefix[] _ipv6Many = null!;

    [GlobalSetup]
    public void Setup()
    {
        _table = new EidTable<int>();
        _table.SetRange(LpmFixture.Entries());
        _ipv4 = LpmFixture.Queries(EidFamily.IPv4, Queries, 1);
        _ipv6 = LpmFixture.Queries(EidFamily.IPv6, Queries, 2);
        _ipv4Many = LpmFixture.Queries(EidFamily.IPv4, ManyQueries, 3);
        _ipv6Many = LpmFixture.Queries(EidFamily.IPv6, ManyQueries, 4);
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public int Ipv4Lookup() => Run(_ipv4);

    [Benchmark(OperationsPerInvoke = Queries)]
    public int Ipv6Lookup() => Run(_ipv6);

    [Benchmark(OperationsPerInvoke = ManyQueries)]
    public int Ipv4LookupManyQueries() => Run(_ipv4Many);

    [Benchmark(OperationsPerInvoke = ManyQueries)]
    public int Ipv6LookupManyQueries() => Run(_ipv6Many);

    [Benchmark(OperationsPerInvoke = Queries)]
    public int Ipv4LookupWithMatch()
    {
        var sum = 0;
        foreach (ref readonly var q in _ipv4.AsSpan())
        {
            if (_table.TryLookup(q, out var match, out _))
            {
                sum += match.Length;
            }
        }

        return sum;
    }

    private int Run(EidPrefix[] queries)
    {
        var hits = 0;
        foreach (ref readonly var q in queries.AsSpan())
        {
            if (_table.TryLookup(q, out var value))
            {
                hits += value & 1;
            }
        }

        return hits;
    }
}
