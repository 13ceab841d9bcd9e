using BenchmarkDotNet.Attributes;
using Loci.Benchmarks.Prefixes;
using Loci.ControlPlane;
using Loci.ControlPlane.MapServers;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.Benchmarks.Pipeline.PipelineFixture;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// The scale target: the Map-Server with every prefix of the real dataset registered
/// (@ip-location-db/asn, ~732k IPv4 and IPv6 prefixes, fetched with npm into $LOCI_CACHE on first use;
/// see <see cref="LpmFixture"/>), one site covering 0.0.0.0/0 and ::/0. Map-Requests (native, a batch of
/// 1,000) ask for random hosts of random stored prefixes and get proxy Map-Replies; Map-Registers
/// re-register (fast path) or change (full path) 1,000 of the prefixes, 5 % with want-map-notify.
/// Opt-in: category FullTable (<c>--anyCategories FullTable</c>); the setup loads the dataset and registers
/// all of it through the role (about half a minute here), so the regular pipeline run
/// (<c>--anyCategories Pipeline</c>) and the CI gate leave it out.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[BenchmarkCategory("FullTable")]
public class MapServerFullTableBenchmarks
{
    private const int NotifyEvery = 20;
    private readonly CountingSender _sender = new();
    private readonly ManualTimeProvider _clock = new();
    private MapServer _server = null!;
    private byte[][] _requestsV4 = null!;
    private byte[][] _requestsV6 = null!;
    private byte[][] _unchanged = null!;
    private byte[][][] _changed = null!;
    private int _variant;

    [GlobalSetup]
    public void Setup()
    {
        var prefixes = LpmFixture.Dataset.Prefixes.Select(p => p.Prefix).Distinct().ToArray();
        using var key = NewKey();
        _server = new MapServer(MapServerOptions(EidPrefix.Parse("0.0.0.0/0"), EidPrefix.Parse("::/0")), _sender, _clock, MapServerV4);
        RegisterAll(_server, prefixes, key);
        Console.WriteLine($"// {prefixes.Length:N0} dataset prefixes registered");

        var random = new Random(732);
        var v4 = prefixes.Where(p => p.Family == EidFamily.IPv4).ToArray();
        var v6 = prefixes.Where(p => p.Family == EidFamily.IPv6).ToArray();
        _requestsV4 = new byte[Batch][];
        _requestsV6 = new byte[Batch][];
        _unchanged = new byte[Batch][];
        _changed = [new byte[Batch][], new byte[Batch][]];
        for (var i = 0; i < Batch; i++)
        {
            var nonce = 0x7320_0000_0000_0000UL + (ulong)i;
            _requestsV4[i] = Request(nonce, HostIn(v4[random.Next(v4.Length)], random), ItrV4.Address).ToArray();
            _requestsV6[i] = Request(nonce, HostIn(v6[random.Next(v6.Length)], random), ItrV6.Address).ToArray();

            // Registers: the even-indexed prefixes stay, the odd-indexed ones move an RLOC each time.
            _unchanged[i] = Register(nonce, [Record(v4[2 * i])], key, wantNotify: i % NotifyEvery == 0);
            for (var variant = 0; variant < 2; variant++)
            {
                _changed[variant][i] = new MapRegister(nonce, new[] { Record(v4[(2 * i) + 1], variant) })
                {
                    ProxyReply = true,
                    WantMapNotify = i % NotifyEvery == 0,
                    XtrId = XtrId,
                    SiteId = 1,
                }.ToSignedArray(key);
            }
        }

        Deliver(_server, _unchanged, EtrV4, MapServerV4);
        var (positive, fast) = (_server.Counters.RepliesPositive, _server.Counters.FastRefreshes);
        RequestsIpv4();
        RequestsIpv6();
        RegisterUnchanged();
        RegisterChanged();
        if (_server.Counters.RepliesPositive - positive != 2 * Batch || _server.Counters.FastRefreshes - fast != Batch)
        {
            throw new InvalidOperationException("The full-table Map-Server did not answer every request by proxy, or re-registration missed the fast path.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _server.Dispose();

    [Benchmark(OperationsPerInvoke = Batch)]
    public long RequestsIpv4()
    {
        Deliver(_server, _requestsV4, ItrV4, MapServerV4);
        return _sender.Datagrams;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long RequestsIpv6()
    {
        Deliver(_server, _requestsV6, ItrV6, MapServerV6);
        return _sender.Datagrams;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long RegisterUnchanged()
    {
        Deliver(_server, _unchanged, EtrV4, MapServerV4);
        return _sender.Datagrams;
    }

    /// <summary>Full path on the full table; the clock moves 1 s per batch and OnTimer runs, as in <see cref="MapServerRegisterBenchmarks.Changed"/>.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long RegisterChanged()
    {
        _variant ^= 1;
        Deliver(_server, _changed[_variant], EtrV4, MapServerV4);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _server.OnTimer();
        return _sender.Datagrams;
    }
}
