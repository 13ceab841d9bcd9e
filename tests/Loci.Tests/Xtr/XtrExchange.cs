using System.Net;
using Loci.ControlPlane;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Tests.Xtr;

/// <summary>
/// The messages an xTR sends in a site's life, produced by the real ETR and ITR roles on a manual clock
/// with recording senders, each half fed what the other sent (the Map-Server's part is played by
/// re-marking the ITR's ECM with the E bit, as a Map-Server forwarding to an ETR does, RFC 9301 §8.3):
/// <list type="number">
/// <item>the ETR (site B) registers 10.62.0.0/16 and 2001:db8:62::/48 with two Map-Servers, one
/// HMAC-SHA-1-96 (key ID 1), one HMAC-SHA-256-128 (key ID 0) over IPv6, with its xTR-ID (I bit);</item>
/// <item>the ITR (site A) resolves 10.62.1.7 and 2001:db8:62::7 with ECM Map-Requests; the ETR answers;</item>
/// <item>B's IPv4 mapping moves from 192.0.2.21 to 192.0.2.22: the ETR re-registers and sends A an SMR;
/// A sends an SMR-invoked ECM Map-Request; the ETR answers with the new mapping;</item>
/// <item>a probe interval later the ITR RLOC-probes every cached locator and the ETR answers each probe.</item>
/// </list>
/// Every datagram either role sends is kept, labelled, in order (<see cref="Sent"/>); the roles'
/// counters are checked on the way, so a scenario that went another way fails here, not in the decoder.
/// </summary>
internal sealed class XtrExchange
{
    public const string Sha1Password = "xtr-oracle-sha1";
    public const string Sha256Password = "xtr-oracle-sha256";
    public const byte Sha1KeyId = 1;
    public const byte Sha256KeyId = 0;
    public const ulong SiteId = 0x0000_0000_0062_5173;

    public static readonly UInt128 XtrId = new(0x6262_0000_0000_0001, 0x0000_0000_0000_0062);

    public static readonly IPEndPoint MapServerSha1 = new(IPAddress.Parse("198.51.100.3"), LispPorts.ControlPlane);
    public static readonly IPEndPoint MapServerSha256 = new(IPAddress.Parse("2001:db8:ff::3"), LispPorts.ControlPlane);
    public static readonly IPEndPoint MapResolver = new(IPAddress.Parse("198.51.100.4"), LispPorts.ControlPlane);

    public static readonly IPAddress ItrRloc4 = IPAddress.Parse("192.0.2.11");
    public static readonly IPAddress ItrRloc6 = IPAddress.Parse("2001:db8:ff::11");
    public static readonly IPAddress EtrRloc4 = IPAddress.Parse("192.0.2.21");
    public static readonly IPAddress EtrNewRloc4 = IPAddress.Parse("192.0.2.22");
    public static readonly IPAddress EtrRloc6 = IPAddress.Parse("2001:db8:ff::21");

    public static readonly EidPrefix SiteV4 = EidPrefix.Parse("10.62.0.0/16");
    public static readonly EidPrefix SiteV6 = EidPrefix.Parse("2001:db8:62::/48");
    public static readonly EidPrefix EidV4 = EidPrefix.Parse("10.62.1.7/32");
    public static readonly EidPrefix EidV6 = EidPrefix.Parse("2001:db8:62::7/128");

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _clock = new();
    private readonly RecordingSender _etrSent = new();
    private readonly RecordingSender _itrSent = new();
    private readonly List<SentDatagram> _sent = [];

    private XtrExchange()
    {
    }

    /// <summary>Everything the ETR and the ITR sent, in order, labelled.</summary>
    public IReadOnlyList<SentDatagram> Sent => _sent;

    public SentDatagram this[string label] => _sent.Single(s => s.Label == label);

    public static LocatorRecord Locator(IPAddress rloc, byte weight = 100) => new(new InetAddress(rloc), Priority: 1, Weight: weight, Local: true);

    /// <summary>Runs the whole scenario and returns what was sent.</summary>
    public static XtrExchange Run()
    {
        var exchange = new XtrExchange();
        exchange.Play();
        return exchange;
    }

    private void Play()
    {
        using var etr = new Etr(
            new EtrOptions
            {
                MapServers =
                [
                    new EtrMapServerOptions { Name = "ms-sha1", Address = MapServerSha1, KeyId = Sha1KeyId, Algorithm = AuthAlgorithm.HmacSha1_96, Password = Sha1Password },
                    new EtrMapServerOptions { Name = "ms-sha256", Address = MapServerSha256, KeyId = Sha256KeyId, Algorithm = AuthAlgorithm.HmacSha256_128, Password = Sha256Password },
                ],
                Database =
                [
                    new EtrPrefixOptions { Prefix = SiteV4, Locators = [Locator(EtrRloc4)] },
                    new EtrPrefixOptions { Prefix = SiteV6, Locators = [Locator(EtrRloc4, 50), Locator(EtrRloc6, 50)] },
                ],
                XtrId = XtrId,
                SiteId = SiteId,
            },
            _etrSent,
            _clock);
        var itr = new Itr(
            new ItrOptions { MapResolvers = [MapResolver], Rlocs = [ItrRloc4, ItrRloc6], ProbeInterval = ProbeInterval },
            _itrSent,
            _clock);

        // 1. The first registration round: one Map-Register per Map-Server, sent at the first timer.
        etr.OnTimer();
        Take(_etrSent, "map-register sha1", "map-register sha256");

        // 2. Resolution of one IPv4 and one IPv6 EID of site B.
        foreach (var (eid, family) in new[] { (EidV4, "ipv4"), (EidV6, "ipv6") })
        {
            var resolution = itr.ResolveAsync(eid);
            itr.OnTimer();
            var request = Take(_itrSent, $"ecm map-request {family} eid")[0];
            ToEtr(etr, request, EtrRloc4);
            var reply = Take(_etrSent, $"map-reply {family} eid")[0];
            ToItr(itr, reply, EtrRloc4);
            Assert.True(resolution.IsCompletedSuccessfully, $"{eid}: {resolution.Status}");
            Assert.Equal(ItrResolutionStatus.Resolved, resolution.GetAwaiter().GetResult().Status);
        }

        // 3. The move, past the ITR's one-request-per-second limit (RFC 9301 §5.3): re-registration, then the SMR.
        _clock.Advance(TimeSpan.FromSeconds(2));
        etr.UpdateMapping(SiteV4, [Locator(EtrNewRloc4)]);
        etr.OnTimer();
        Take(_etrSent, "map-register sha1 after move", "map-register sha256 after move", "smr");
        ToItr(itr, this["smr"], EtrRloc4);
        var smrInvoked = Take(_itrSent, "smr-invoked ecm map-request")[0];
        ToEtr(etr, smrInvoked, EtrNewRloc4);
        ToItr(itr, Take(_etrSent, "map-reply after move")[0], EtrRloc4);
        Assert.Equal(1, etr.Counters.SmrsAnswered);
        Assert.Equal(1, itr.Counters[ItrCounter.SmrInvokedSent]);

        // 4. RLOC-probing: the ITR probes each cached locator natively at 4342; the ETR answers on the probed RLOC.
        _clock.Advance(ProbeInterval);
        itr.OnTimer();
        Take(_itrSent, "rloc-probe ipv4 eid", "rloc-probe ipv6 eid to ipv4 rloc", "rloc-probe ipv6 eid to ipv6 rloc");
        foreach (var (probe, reply) in new[]
        {
            ("rloc-probe ipv4 eid", "rloc-probe reply ipv4 eid"),
            ("rloc-probe ipv6 eid to ipv4 rloc", "rloc-probe reply ipv6 eid from ipv4 rloc"),
            ("rloc-probe ipv6 eid to ipv6 rloc", "rloc-probe reply ipv6 eid from ipv6 rloc"),
        })
        {
            var sent = this[probe];
            var itrRloc = sent.Destination.AddressFamily == ItrRloc4.AddressFamily ? ItrRloc4 : ItrRloc6;
            etr.Receive(new InboundDatagram(sent.Bytes, new IPEndPoint(itrRloc, LispPorts.ControlPlane), sent.Destination));
            ToItr(itr, Take(_etrSent, reply)[0], sent.Destination.Address);
        }

        Assert.Equal(3, etr.Counters.ProbesAnswered);
        Assert.Equal(3, itr.Counters[ItrCounter.ProbesAnswered]);
        Assert.Equal(0, itr.Counters[ItrCounter.UnknownNonceDropped]);
    }

    /// <summary>Labels the datagrams <paramref name="sender"/> got since its last take: exactly one per label, in order.</summary>
    private List<SentDatagram> Take(RecordingSender sender, params string[] labels)
    {
        var role = sender == _etrSent ? "etr" : "itr";
        var fresh = sender.Since(_sent.Count(s => s.Role == role));
        Assert.True(
            fresh.Count == labels.Length,
            $"expected {string.Join(", ", labels)} from the {role}; got {string.Join(", ", fresh.Select(f => LispMessage.Parse(f.Bytes).Type))}");
        var taken = fresh.Select((f, i) => new SentDatagram(role, labels[i], f.Destination, f.Bytes)).ToList();
        _sent.AddRange(taken);
        return taken;
    }

    /// <summary>The ITR's ECM as a Map-Server forwards it to the ETR: same inner headers and request, E bit set (RFC 9301 §8.3).</summary>
    private static void ToEtr(Etr etr, SentDatagram request, IPAddress etrRloc)
    {
        var ecm = Assert.IsType<EncapsulatedControlMessage>(request.Message);
        var forwarded = (ecm with { ToEtr = true }).ToArray();
        etr.Receive(new InboundDatagram(forwarded, new IPEndPoint(MapServerSha1.Address, LispPorts.ControlPlane), new IPEndPoint(etrRloc, LispPorts.ControlPlane)));
    }

    private static void ToItr(Itr itr, SentDatagram datagram, IPAddress from) =>
        itr.Receive(new InboundDatagram(datagram.Bytes, new IPEndPoint(from, LispPorts.ControlPlane), datagram.Destination));
}
