using BenchmarkDotNet.Attributes;
using Loci.ControlPlane;
using Loci.ControlPlane.MapServers;
using Loci.Wire;
using static Loci.Benchmarks.Pipeline.PipelineFixture;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// Map-Register (HMAC-SHA-256, one EID-record with two RLOCs, P bit, xTR-ID) → Map-Notify at the
/// Map-Server, a batch of 1,000 per invocation from one ETR, over min(<see cref="Prefixes"/>, 1,000)
/// registered prefixes in turn. Seed 002's mix: 5 % of the registers (every 20th) want a Map-Notify.
/// <list type="bullet">
/// <item><see cref="Unchanged"/>: the periodic re-registration, same content as last time (new nonce):
/// parse the view, verify the HMAC, then the fast path (content hash → memo → extend the lifetimes).</item>
/// <item><see cref="UnchangedAllNotify"/>: the same with want-map-notify on every register.</item>
/// <item><see cref="Changed"/>: each register moves the prefix's second RLOC back and forth, so every
/// one takes the full path (parse to the model, policy checks, a published map-table update, expiry
/// queue, memo).</item>
/// </list>
/// Each benchmark gets its own Map-Server (targeted setups), with both families' prefixes registered.
/// </summary>
/// <remarks>
/// The full path enqueues each new registration in the expiry queue, which drops superseded entries
/// only when they fall due. <see cref="Changed"/> therefore registers without the T bit (the default
/// 3-minute lifetime), advances the manual clock 1 s per batch (1,000 registers/s) and runs OnTimer
/// after each batch, as the host's timer does: entries fall due after 180 batches and the queue
/// stops growing, so the allocation measured is the steady state, not the queue's array growth.
/// The OnTimer sweep (one dequeue per register) is part of the measured cost.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[BenchmarkCategory("Pipeline")]
public class MapServerRegisterBenchmarks
{
    private const int NotifyEvery = 20;
    private readonly CountingSender _sender = new();
    private readonly ManualTimeProvider _clock = new();
    private MapServer _server = null!;
    private byte[][] _batch = null!;
    private byte[][][] _changed = null!;
    private int[] _variant = null!;
    private int _distinct;

    /// <summary>Registered prefixes per family (the map-table's size).</summary>
    [Params(100, 100_000)]
    public int Prefixes { get; set; }

    [GlobalSetup(Target = nameof(Unchanged))]
    public void SetupUnchanged() => SetupFastPath(i => i % NotifyEvery == 0, Batch / NotifyEvery);

    [GlobalSetup(Target = nameof(UnchangedAllNotify))]
    public void SetupUnchangedAllNotify() => SetupFastPath(_ => true, Batch);

    [GlobalSetup(Target = nameof(Changed))]
    public void SetupChanged()
    {
        var v4 = Build();
        using var key = NewKey();
        _changed = [new byte[Batch][], new byte[Batch][]];
        _variant = new int[_distinct];
        for (var i = 0; i < Batch; i++)
        {
            for (var variant = 0; variant < 2; variant++)
            {
                _changed[variant][i] = new MapRegister(0x5000_0000_0000_0000UL + (ulong)i, new[] { Record(v4[i % _distinct], variant) })
                {
                    ProxyReply = true,
                    WantMapNotify = i % NotifyEvery == 0,
                    XtrId = XtrId,
                    SiteId = 1,
                }.ToSignedArray(key);
            }
        }

        Check(Changed, fast: 0, notifies: Batch / NotifyEvery);
        Check(Changed, fast: 0, notifies: Batch / NotifyEvery);
    }

    [GlobalCleanup]
    public void Cleanup() => _server.Dispose();

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Unchanged()
    {
        Deliver(_server, _batch, EtrV4, MapServerV4);
        return _sender.Datagrams;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long UnchangedAllNotify()
    {
        Deliver(_server, _batch, EtrV4, MapServerV4);
        return _sender.Datagrams;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Changed()
    {
        var local = MapServerV4;
        for (var i = 0; i < _changed[0].Length; i++)
        {
            var p = i % _distinct;
            var variant = _variant[p] ^= 1;
            _server.Receive(new InboundDatagram(_changed[variant][i], EtrV4, local));
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        _server.OnTimer();
        return _sender.Datagrams;
    }

    /// <summary>A Map-Server with both families registered; returns the IPv4 prefixes.</summary>
    private Loci.Prefixes.EidPrefix[] Build()
    {
        using var key = NewKey();
        _server = new MapServer(MapServerOptions(), _sender, _clock, MapServerV4);
        var v4 = Ipv4Prefixes(Prefixes);
        RegisterAll(_server, v4, key);
        RegisterAll(_server, Ipv6Prefixes(Prefixes), key);
        _distinct = Math.Min(Prefixes, Batch);
        return v4;
    }

    private void SetupFastPath(Func<int, bool> wantNotify, int notifies)
    {
        var v4 = Build();
        using var key = NewKey();
        _batch = new byte[Batch][];
        for (var i = 0; i < Batch; i++)
        {
            _batch[i] = Register(0x5000_0000_0000_0000UL + (ulong)i, [Record(v4[i % _distinct])], key, wantNotify(i));
        }

        // First pass: these one-record registers replace the setup's 100-record ones (full path) and
        // leave their memos; from the second pass on they take the fast path.
        Deliver(_server, _batch, EtrV4, MapServerV4);
        Check(() => { Deliver(_server, _batch, EtrV4, MapServerV4); return 0; }, fast: Batch, notifies: notifies);
    }

    /// <summary>Every register accepted, <paramref name="fast"/> of them on the fast path, the expected Map-Notifies sent.</summary>
    private void Check(Func<long> run, int fast, int notifies)
    {
        var counters = _server.Counters;
        var (accepted, refreshed, notified) = (counters.RegistersAccepted, counters.FastRefreshes, counters.NotifiesSent);
        run();
        if (counters.RegistersAccepted - accepted != Batch || counters.FastRefreshes - refreshed != fast || counters.NotifiesSent - notified != notifies)
        {
            throw new InvalidOperationException(
                $"Register batch: {counters.RegistersAccepted - accepted} accepted (expected {Batch}), {counters.FastRefreshes - refreshed} fast (expected {fast}), {counters.NotifiesSent - notified} notifies (expected {notifies}).");
        }
    }
}
