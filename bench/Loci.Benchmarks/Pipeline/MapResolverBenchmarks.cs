using BenchmarkDotNet.Attributes;
using Loci.ControlPlane;
using Loci.ControlPlane.MapResolvers;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.Benchmarks.Pipeline.PipelineFixture;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// The Map-Resolver's own step for an ITR's ECM Map-Request, a batch of 1,000 per invocation (random
/// hosts of 10.0.0.0/8):
/// <list type="bullet">
/// <item><see cref="ForwardToMapServer"/>: map-server-list mode, the request goes on to the Map-Server
/// in an ECM with the M bit (RFC 9301 §8.4). Stateless.</item>
/// <item><see cref="DdtWarmCache"/>: DDT mode with a warm referral cache (256 MS-REFERRALs, one per /16,
/// learned from the root in setup): the request goes straight to the cached Map-Server as a DDT
/// Map-Request (pending-request entry, ECM with D), and the Map-Server's MS-ACK Map-Referral ends
/// it (RFC 8111 §7.3.2). One operation = the request and its MS-ACK, i.e. the resolver's whole work
/// for one resolution; without the MS-ACK the pending list would fill up.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[BenchmarkCategory("Pipeline")]
public class MapResolverBenchmarks
{
    private readonly CountingSender _sender = new();
    private MapResolver _resolver = null!;
    private byte[][] _requests = null!;
    private byte[][] _acks = null!;

    [GlobalSetup(Target = nameof(ForwardToMapServer))]
    public void SetupForward()
    {
        _resolver = new MapResolver(
            new MapResolverOptions { Mode = MapResolverMode.MapServerList, MapServers = [new MapServerTarget(MapServerV4, [SiteV4, SiteV6])] },
            _sender,
            new ManualTimeProvider());
        _requests = Requests(out _);
        var before = _resolver.Counters[MapResolverCounter.ForwardedToMapServer];
        ForwardToMapServer();
        if (_resolver.Counters[MapResolverCounter.ForwardedToMapServer] - before != Batch || !MapServerV4.Equals(_sender.LastDestination))
        {
            throw new InvalidOperationException("The Map-Resolver did not forward every request to the Map-Server.");
        }
    }

    [GlobalSetup(Target = nameof(DdtWarmCache))]
    public void SetupDdt()
    {
        _resolver = new MapResolver(new MapResolverOptions { Mode = MapResolverMode.Ddt, DdtRoots = [DdtRootV4] }, _sender, new ManualTimeProvider());

        // Warm the referral cache: one root walk per /16 of 10.0.0.0/8, answered by the root with an
        // MS-REFERRAL to the Map-Server (cached for a day) and by the Map-Server with an MS-ACK.
        for (var i = 0; i < 256; i++)
        {
            var block = new EidPrefix(EidFamily.IPv4, SiteV4.Address | ((UInt128)(uint)i << 16), 16);
            var eid = EidPrefix.Host(EidFamily.IPv4, block.Address | 1);
            var nonce = 0xCAFE_0000_0000_0000UL + (ulong)i;
            Receive(Ecm(Request(nonce, eid, ItrV4.Address), eid, ItrV4).ToArray(), ItrV4);
            Receive(Referral(nonce, block, ReferralAction.MsReferral, [new LocatorRecord(new InetAddress(MapServerV4.Address))]), DdtRootV4);
            Receive(Referral(nonce, block, ReferralAction.MsAck, []), MapServerV4);
        }

        _requests = Requests(out var eids);
        _acks = new byte[Batch][];
        for (var i = 0; i < Batch; i++)
        {
            _acks[i] = Referral(Nonce(i), eids[i].WithLength(16), ReferralAction.MsAck, []);
        }

        var (hits, acks, cached) = (_resolver.Counters[MapResolverCounter.ReferralCacheHits], _resolver.Counters[MapResolverCounter.MsAcks], _resolver.ReferralCache.Count);
        DdtWarmCache();
        if (cached != 256 || _resolver.Counters[MapResolverCounter.ReferralCacheHits] - hits != Batch
            || _resolver.Counters[MapResolverCounter.MsAcks] - acks != Batch || _resolver.PendingRequests.Count != 0)
        {
            throw new InvalidOperationException("The warm-cache resolutions did not all go from the cache to the Map-Server and end with an MS-ACK.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _resolver.Dispose();

    [Benchmark(OperationsPerInvoke = Batch)]
    public long ForwardToMapServer()
    {
        Deliver(_resolver, _requests, ItrV4, ResolverV4);
        return _sender.Datagrams;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long DdtWarmCache()
    {
        var requests = _requests;
        var acks = _acks;
        for (var i = 0; i < requests.Length; i++)
        {
            _resolver.Receive(new InboundDatagram(requests[i], ItrV4, ResolverV4));
            _resolver.Receive(new InboundDatagram(acks[i], MapServerV4, ResolverV4));
        }

        return _sender.Datagrams;
    }

    private static ulong Nonce(int i) => 0x9301_0000_0000_0000UL + (ulong)i;

    private static byte[][] Requests(out EidPrefix[] eids)
    {
        var random = new Random(9301);
        var requests = new byte[Batch][];
        eids = new EidPrefix[Batch];
        for (var i = 0; i < Batch; i++)
        {
            eids[i] = HostIn(SiteV4, random);
            requests[i] = Ecm(Request(Nonce(i), eids[i], ItrV4.Address), eids[i], ItrV4).ToArray();
        }

        return requests;
    }

    private static byte[] Referral(ulong nonce, EidPrefix prefix, ReferralAction action, LocatorRecord[] referrals)
    {
        var (address, mask) = EidConversions.ToWire(prefix);
        return new MapReferral(nonce, new[] { new ReferralRecord(address, mask, 1440, action, referrals, authoritative: true, incomplete: referrals.Length == 0) }).ToArray();
    }

    private void Receive(byte[] datagram, System.Net.IPEndPoint source) => _resolver.Receive(new InboundDatagram(datagram, source, ResolverV4));
}
