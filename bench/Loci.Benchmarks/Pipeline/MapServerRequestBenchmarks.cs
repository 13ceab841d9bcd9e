using System.Net;
using BenchmarkDotNet.Attributes;
using Loci.ControlPlane;
using Loci.ControlPlane.MapServers;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.Benchmarks.Pipeline.PipelineFixture;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// Map-Request → Map-Reply at the Map-Server (issue 6 target: 0 bytes allocated per message), bytes in
/// → <see cref="MapServer.Receive"/> → bytes out, a batch of 1,000 preencoded requests per invocation
/// for random hosts of random registered prefixes. Every prefix is registered with P (proxy-reply),
/// so the Map-Server answers itself: a positive Map-Reply with the two registered RLOCs. Native and
/// ECM requests, IPv4 and IPv6 EIDs (IPv6 EIDs over IPv6 RLOCs); the negative case asks for
/// unregistered hosts of the site (a negative Map-Reply covering the largest unregistered block); the
/// DDT case is a Map-Resolver's DDT Map-Request (ECM with D, RFC 8111 §7.3), answered with an MS-ACK
/// Map-Referral to the resolver and the proxy Map-Reply to the ITR.
/// <see cref="Prefixes"/> IPv4 and as many IPv6 prefixes are registered.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[BenchmarkCategory("Pipeline")]
public class MapServerRequestBenchmarks
{
    private readonly CountingSender _sender = new();
    private MapServer _server = null!;
    private byte[][] _nativeV4 = null!;
    private byte[][] _ecmV4 = null!;
    private byte[][] _nativeV6 = null!;
    private byte[][] _ecmV6 = null!;
    private byte[][] _negativeV4 = null!;
    private byte[][] _ddtV4 = null!;

    /// <summary>Registered prefixes per family.</summary>
    [Params(100, 100_000)]
    public int Prefixes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var key = NewKey();
        _server = new MapServer(MapServerOptions(), _sender, new ManualTimeProvider(), MapServerV4);
        var v4 = Ipv4Prefixes(Prefixes);
        var v6 = Ipv6Prefixes(Prefixes);
        RegisterAll(_server, v4, key);
        RegisterAll(_server, v6, key);

        var random = new Random(6);
        _nativeV4 = new byte[Batch][];
        _ecmV4 = new byte[Batch][];
        _nativeV6 = new byte[Batch][];
        _ecmV6 = new byte[Batch][];
        _negativeV4 = new byte[Batch][];
        _ddtV4 = new byte[Batch][];
        for (var i = 0; i < Batch; i++)
        {
            var nonce = 0x6000_0000_0000_0000UL + (ulong)i;
            var eid4 = HostIn(v4[random.Next(v4.Length)], random);
            var request4 = Request(nonce, eid4, ItrV4.Address);
            _nativeV4[i] = request4.ToArray();
            _ecmV4[i] = Ecm(request4, eid4, ItrV4).ToArray();
            _ddtV4[i] = (Ecm(request4, eid4, ItrV4) with { DdtOriginated = true }).ToArray();

            var eid6 = HostIn(v6[random.Next(v6.Length)], random);
            var request6 = Request(nonce, eid6, ItrV6.Address);
            _nativeV6[i] = request6.ToArray();
            _ecmV6[i] = Ecm(request6, eid6, ItrV6).ToArray();

            // The /26 just after a registered one is never registered (the stride is at least 2 slots).
            var unregistered = v4[random.Next(v4.Length)];
            var next = new EidPrefix(EidFamily.IPv4, unregistered.Address + 64, 26);
            _negativeV4[i] = Request(nonce, HostIn(next, random), ItrV4.Address).ToArray();
        }

        Check(_nativeV4, ItrV4, MapServerV4, positive: true);
        Check(_ecmV4, ItrV4, MapServerV4, positive: true);
        Check(_nativeV6, ItrV6, MapServerV6, positive: true);
        Check(_ecmV6, ItrV6, MapServerV6, positive: true);
        Check(_negativeV4, ItrV4, MapServerV4, positive: false);
        var (referrals, datagrams) = (_server.Counters.ReferralsSent, _sender.Datagrams);
        Run(_ddtV4, ResolverV4, MapServerV4);
        if (_server.Counters.ReferralsSent - referrals != Batch || _sender.Datagrams - datagrams != 2 * Batch)
        {
            throw new InvalidOperationException("Expected an MS-ACK and a Map-Reply per DDT Map-Request.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _server.Dispose();

    [Benchmark(OperationsPerInvoke = Batch)]
    public long NativeIpv4() => Run(_nativeV4, ItrV4, MapServerV4);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long EcmIpv4() => Run(_ecmV4, ItrV4, MapServerV4);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long NativeIpv6() => Run(_nativeV6, ItrV6, MapServerV6);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long EcmIpv6() => Run(_ecmV6, ItrV6, MapServerV6);

    /// <summary>Unregistered hosts in the site's space: negative Map-Reply, Natively-Forward, 1 minute.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long NegativeIpv4() => Run(_negativeV4, ItrV4, MapServerV4);

    /// <summary>DDT Map-Requests from the Map-Resolver: MS-ACK to it, proxy Map-Reply to the ITR.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long DdtIpv4() => Run(_ddtV4, ResolverV4, MapServerV4);

    private long Run(byte[][] batch, IPEndPoint source, IPEndPoint local)
    {
        Deliver(_server, batch, source, local);
        return _sender.Datagrams;
    }

    /// <summary>One Map-Reply per request, of the expected kind, sent back to the ITR.</summary>
    private void Check(byte[][] batch, IPEndPoint source, IPEndPoint local, bool positive)
    {
        var sent = _sender.Datagrams;
        var before = positive ? _server.Counters.RepliesPositive : _server.Counters.RepliesNegative;
        Run(batch, source, local);
        var answered = (positive ? _server.Counters.RepliesPositive : _server.Counters.RepliesNegative) - before;
        if (_sender.Datagrams - sent != Batch || answered != Batch
            || LispMessage.PeekType(_sender.Last) != MessageType.MapReply || !_sender.LastDestination!.Address.Equals(source.Address))
        {
            throw new InvalidOperationException($"Expected {Batch} {(positive ? "positive" : "negative")} Map-Replies to {source.Address}, got {answered} of {_sender.Datagrams - sent} datagrams.");
        }
    }
}
