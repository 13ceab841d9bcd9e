using System.Net;
using BenchmarkDotNet.Attributes;
using Loci.ControlPlane;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.Benchmarks.Pipeline.PipelineFixture;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// The tunnel router's two halves, a batch of 1,000 per invocation:
/// <list type="bullet">
/// <item><see cref="EtrMapRequest"/>: the ETR answers a native Map-Request for one of its 100
/// EID-prefixes with an authoritative Map-Reply (RFC 9301 §8.3 without proxy-reply; the ITR probing
/// or the Map-Server forwarding).</item>
/// <item><see cref="ItrLookupHit"/>: the data plane's per-packet <see cref="Itr.Lookup(EidPrefix, in FlowKey)"/>
/// on a warm map-cache of 100 entries (resolved through the role in setup), with a flow key so the
/// locator choice hashes the flow.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[BenchmarkCategory("Pipeline")]
public class XtrBenchmarks
{
    private const int Entries = 100;
    private readonly CountingSender _sender = new();
    private readonly ManualTimeProvider _clock = new();
    private Etr _etr = null!;
    private Itr _itr = null!;
    private byte[][] _requests = null!;
    private EidPrefix[] _eids = null!;
    private FlowKey[] _flows = null!;

    [GlobalSetup(Target = nameof(EtrMapRequest))]
    public void SetupEtr()
    {
        var prefixes = Ipv4Prefixes(Entries);
        _etr = new Etr(
            new EtrOptions
            {
                MapServers = [new EtrMapServerOptions { Name = "ms", Address = MapServerV4, Password = Password }],
                Database = [.. prefixes.Select(p => new EtrPrefixOptions { Prefix = p, Locators = Record(p).Locators.AsSpan().ToArray() })],
            },
            _sender,
            _clock);
        var random = new Random(6301);
        _requests = new byte[Batch][];
        for (var i = 0; i < Batch; i++)
        {
            _requests[i] = Request(0xE700_0000_0000_0000UL + (ulong)i, HostIn(prefixes[random.Next(Entries)], random), ItrV4.Address).ToArray();
        }

        var sent = _sender.Datagrams;
        EtrMapRequest();
        if (_sender.Datagrams - sent != Batch || LispMessage.PeekType(_sender.Last) != MessageType.MapReply)
        {
            throw new InvalidOperationException("The ETR did not answer every Map-Request.");
        }
    }

    [GlobalSetup(Target = nameof(ItrLookupHit))]
    public void SetupItr()
    {
        var rloc = IPAddress.Parse("198.51.100.1");
        _itr = new Itr(
            new ItrOptions { MapResolvers = [ResolverV4], Rlocs = [rloc], ProbeInterval = TimeSpan.Zero, IdleTimeout = TimeSpan.FromDays(1) },
            _sender,
            _clock);
        var prefixes = Ipv4Prefixes(Entries);
        foreach (var prefix in prefixes)
        {
            // A miss queues the resolution, the timer sends the ECM Map-Request, the reply fills the cache.
            _clock.Advance(TimeSpan.FromSeconds(2));
            var eid = EidPrefix.Host(EidFamily.IPv4, prefix.Address | 1);
            _itr.Lookup(eid);
            _itr.OnTimer();
            if (!LispMessage.TryParse(_sender.Last, out var sent, out _) || sent is not EncapsulatedControlMessage { Inner: MapRequest request })
            {
                throw new InvalidOperationException($"The ITR sent no Map-Request for {eid}.");
            }

            var (address, mask) = EidConversions.ToWire(prefix);
            var reply = new MapReply(request.Nonce, new[] { new EidRecord(address, mask, 1440, Record(prefix).Locators, authoritative: true) });
            _itr.Receive(new InboundDatagram(reply.ToArray(), EtrV4, new IPEndPoint(rloc, LispPorts.ControlPlane)));
        }

        var random = new Random(6302);
        _eids = new EidPrefix[Batch];
        _flows = new FlowKey[Batch];
        for (var i = 0; i < Batch; i++)
        {
            _eids[i] = HostIn(prefixes[random.Next(Entries)], random);
            _flows[i] = new FlowKey(0x0A00_0001 + (UInt128)(uint)random.Next(), _eids[i].Address, 6, (ushort)random.Next(1024, 65535), 443);
        }

        if (ItrLookupHit() != Batch)
        {
            throw new InvalidOperationException("Not every lookup hit the map-cache.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _etr?.Dispose();

    [Benchmark(OperationsPerInvoke = Batch)]
    public long EtrMapRequest()
    {
        Deliver(_etr, _requests, ItrV4, EtrV4);
        return _sender.Datagrams;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int ItrLookupHit()
    {
        var hits = 0;
        var eids = _eids;
        var flows = _flows;
        for (var i = 0; i < eids.Length; i++)
        {
            hits += _itr.Lookup(eids[i], flows[i]).Outcome == ItrLookupOutcome.Hit ? 1 : 0;
        }

        return hits;
    }
}
