using System.Net;
using BenchmarkDotNet.Attributes;
using Loci.ControlPlane.Ddt;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.Benchmarks.Pipeline.PipelineFixture;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// DDT Map-Request (ECM with the D bit, from a Map-Resolver) → Map-Referral at a DDT root, a batch of
/// 1,000 per invocation. The root delegates 10.0.0.0/8 as 4,096 /20s, each to two Map-Servers
/// (MS-REFERRAL); the requests ask for random hosts of 10.0.0.0/8.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[BenchmarkCategory("Pipeline")]
public class DdtNodeBenchmarks
{
    private const int Delegations = 4096;
    private readonly CountingSender _sender = new();
    private DdtNode _node = null!;
    private byte[][] _requests = null!;

    [GlobalSetup]
    public void Setup()
    {
        var mapServers = new[] { new DdtReferralTarget(MapServerV4.Address), new DdtReferralTarget(IPAddress.Parse("127.0.0.21")) };
        var delegations = new DdtDelegation[Delegations];
        for (var i = 0; i < Delegations; i++)
        {
            delegations[i] = new DdtDelegation(new EidPrefix(EidFamily.IPv4, SiteV4.Address | ((UInt128)(uint)i << 12), 20), DdtDelegationKind.MapServer, mapServers);
        }

        _node = new DdtNode(DdtNodeOptions.Root(delegations), _sender);
        var random = new Random(8111);
        _requests = new byte[Batch][];
        for (var i = 0; i < Batch; i++)
        {
            var eid = HostIn(SiteV4, random);
            _requests[i] = Ecm(Request(0x8111_0000_0000_0000UL + (ulong)i, eid, ItrV4.Address), eid, ItrV4, ddt: true).ToArray();
        }

        var before = _node.Counters[DdtNodeCounter.MsReferrals];
        Deliver(_node, _requests, ResolverV4, DdtRootV4);
        if (_node.Counters[DdtNodeCounter.MsReferrals] - before != Batch || LispMessage.PeekType(_sender.Last) != MessageType.MapReferral)
        {
            throw new InvalidOperationException("The DDT root did not answer every request with an MS-REFERRAL.");
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long MsReferral()
    {
        Deliver(_node, _requests, ResolverV4, DdtRootV4);
        return _sender.Datagrams;
    }
}
