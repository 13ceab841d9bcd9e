using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Loci.Prefixes;
using Loci.Tests.Oracle;
using Loci.Wire;
using static Loci.Tests.Xtr.XtrCapture;

namespace Loci.Tests.Xtr;

/// <summary>
/// Issue 5: what the xTR roles send decodes cleanly in Wireshark's LISP dissector. The datagrams are
/// the real ETR's and ITR's output in a whole site scenario (<see cref="XtrExchange"/>), written to a
/// pcap and decoded by tshark with the oracle tests' checks (<see cref="XtrCapture"/>: no malformed
/// or expert errors, every field agreeing with Loci's parse); each test then checks by value what
/// tshark shows against what the scenario configured (type, nonce, EID-prefix, flags). tshark
/// missing fails the test, as in the oracle tests: run .ci/install-test-deps.sh.
/// </summary>
public sealed class XtrTsharkTests
{
    [Fact]
    public void EveryXtrDatagram_SiteScenario_TsharkDecodesWhatTheRolesSent()
    {
        var exchange = XtrExchange.Run();

        // Registers, requests, replies, the SMR, the SMR-invoked request, probes and probe replies.
        Assert.Equal(17, exchange.Sent.Count);
        Decode(exchange.Sent);
    }

    [Fact]
    public void MapRegister_Sha1AndSha256KeysWithXtrId_TsharkShowsIBitXtrIdKeyAndRecords()
    {
        var exchange = XtrExchange.Run();
        var registers = exchange.Sent.Where(s => s.Message is MapRegister).ToList();
        var frames = Decode(registers);

        using var sha1 = AuthenticationKey.FromPassword(XtrExchange.Sha1Password, AuthAlgorithm.HmacSha1_96, XtrExchange.Sha1KeyId);
        using var sha256 = AuthenticationKey.FromPassword(XtrExchange.Sha256Password, AuthAlgorithm.HmacSha256_128, XtrExchange.Sha256KeyId);
        foreach (var register in registers)
        {
            var key = register.Label.Contains("sha1", StringComparison.Ordinal) ? sha1 : sha256;
            Assert.Equal(key.Algorithm == AuthAlgorithm.HmacSha1_96 ? XtrExchange.MapServerSha1 : XtrExchange.MapServerSha256, register.Destination);
            Assert.Equal(AuthResult.Valid, key.Verify(register.Bytes));

            // RFC 9301 §5.6: I bit with the xTR-ID and site-ID, M bit, no P (the ETR answers itself),
            // Key ID and Algorithm ID of this Map-Server's key, the full HMAC output (DESIGN.md §3).
            var lisp = Lisp(frames[register.Label]);
            Assert.Equal(3, Number(lisp, "lisp.type"));
            Assert.Equal(1, Number(lisp, "lisp.mreg.flags.xtrid"));
            Assert.Equal(1, Number(lisp, "lisp.mreg.flags.wmn"));
            Assert.Equal(0, Number(lisp, "lisp.mreg.flags.pmr"));
            Assert.Equal(Colon(XtrExchange.XtrId), Value(lisp, "lisp.xtrid"));
            Assert.Equal(Colon(XtrExchange.SiteId), Value(lisp, "lisp.siteid"));
            Assert.Equal((key.KeyId << 8) | (int)key.Algorithm, Number(lisp, "lisp.keyid"));
            Assert.Equal(key.DigestLength, Number(lisp, "lisp.authlen"));
            Assert.Equal(Nonce(((MapRegister)register.Message).Nonce), NonceOf(lisp));
            Assert.Equal([XtrExchange.SiteV4, XtrExchange.SiteV6], MappingPrefixes(lisp));
            var moved = register.Label.EndsWith("after move", StringComparison.Ordinal);
            Assert.Equal([(moved ? XtrExchange.EtrNewRloc4 : XtrExchange.EtrRloc4, false)], Locators(lisp, XtrExchange.SiteV4));
            Assert.Equal([(XtrExchange.EtrRloc4, false), (XtrExchange.EtrRloc6, false)], Locators(lisp, XtrExchange.SiteV6));
        }

        Assert.Equal(4, registers.Count);
        Assert.Equal(4, registers.Select(r => ((MapRegister)r.Message).Nonce).Distinct().Count());
    }

    [Theory]
    [InlineData("ipv4", "10.62.1.7", "10.62.0.0/16")]
    [InlineData("ipv6", "2001:db8:62::7", "2001:db8:62::/48")]
    public void EcmMapRequest_ResolvingAnEid_TsharkShowsInnerRequestAndTheEtrReplyWithItsNonce(string family, string eid, string sitePrefix)
    {
        var exchange = XtrExchange.Run();
        var (request, reply) = ($"ecm map-request {family} eid", $"map-reply {family} eid");
        var frames = Decode([exchange[request], exchange[reply]]);
        Assert.Equal(XtrExchange.MapResolver, exchange[request].Destination);

        // RFC 9301 §5.8: an ECM (type 8) whose inner IP header runs to the EID, inner UDP to 4342,
        // carrying a Map-Request (type 1) for the EID, no S, s or P bit, listing the ITR's RLOCs.
        var frame = frames[request];
        var outer = Lisp(frame);
        var inner = Lisp(frame, inner: true);
        Assert.Equal(8, Number(outer, "lisp.type"));
        Assert.Equal(0, Number(outer, "lisp.ecm.flags.ddt"));
        Assert.Equal(1, Number(inner, "lisp.type"));
        Assert.Equal(IPAddress.Parse(eid), IPAddress.Parse(Value(frame.Items.Last(n => n.Name is "ip" or "ipv6"), family == "ipv4" ? "ip.dst" : "ipv6.dst") ?? "?"));
        Assert.Equal(4342, Number(frame.Children("udp").Last(), "udp.dstport"));
        Assert.Equal("S=0 s=0 P=0", RequestFlags(inner));
        Assert.Equal([EidPrefix.FromIPAddress(IPAddress.Parse(eid))], RequestPrefixes(inner));
        Assert.Equal([XtrExchange.ItrRloc4, XtrExchange.ItrRloc6], ItrRlocs(inner));

        // RFC 9301 §5.4: the ETR's Map-Reply (type 2) carries the request's nonce and its authoritative mapping.
        var answer = Lisp(frames[reply]);
        Assert.Equal(2, Number(answer, "lisp.type"));
        Assert.Equal(NonceOf(inner), NonceOf(answer));
        Assert.Equal(0, Number(answer, "lisp.mrep.flags.probe"));
        Assert.Equal(1, Number(answer, "lisp.mapping.auth"));
        Assert.Equal([EidPrefix.Parse(sitePrefix)], MappingPrefixes(answer));
        Assert.Equal(new IPEndPoint(XtrExchange.ItrRloc4, 4342), exchange[reply].Destination);
    }

    [Fact]
    public void Smr_SiteMappingMoved_TsharkShowsSBitForThePrefixThenSmrInvokedRequestAndNewMapping()
    {
        var exchange = XtrExchange.Run();
        var frames = Decode([exchange["smr"], exchange["smr-invoked ecm map-request"], exchange["map-reply after move"]]);

        // RFC 9301 §6.1: the ETR's SMR is a native Map-Request with S to the requester's RLOC at 4342,
        // naming the changed prefix (record and Source-EID); its ITR-RLOC is the site's new RLOC.
        Assert.Equal(new IPEndPoint(XtrExchange.ItrRloc4, 4342), exchange["smr"].Destination);
        var smr = Lisp(frames["smr"]);
        Assert.Equal(1, Number(smr, "lisp.type"));
        Assert.Equal("S=1 s=0 P=0", RequestFlags(smr));
        Assert.Equal([XtrExchange.SiteV4], RequestPrefixes(smr));
        Assert.Equal(XtrExchange.SiteV4.ToIPAddress(), SourceEid(smr));
        Assert.Equal([XtrExchange.EtrNewRloc4], ItrRlocs(smr));

        // The ITR answers through the Map-Resolver with an ECM whose Map-Request has s (SMR-invoked) for its cached prefix.
        Assert.Equal(XtrExchange.MapResolver, exchange["smr-invoked ecm map-request"].Destination);
        var invoked = Lisp(frames["smr-invoked ecm map-request"], inner: true);
        Assert.Equal(8, Number(Lisp(frames["smr-invoked ecm map-request"]), "lisp.type"));
        Assert.Equal(1, Number(invoked, "lisp.type"));
        Assert.Equal("S=0 s=1 P=0", RequestFlags(invoked));
        Assert.Equal([XtrExchange.SiteV4], RequestPrefixes(invoked));
        Assert.NotEqual(NonceOf(smr), NonceOf(invoked));

        var reply = Lisp(frames["map-reply after move"]);
        Assert.Equal(NonceOf(invoked), NonceOf(reply));
        Assert.Equal([(XtrExchange.EtrNewRloc4, false)], Locators(reply, XtrExchange.SiteV4));
    }

    [Theory]
    [InlineData("rloc-probe ipv4 eid", "rloc-probe reply ipv4 eid", "10.62.0.0/16", "192.0.2.22")]
    [InlineData("rloc-probe ipv6 eid to ipv4 rloc", "rloc-probe reply ipv6 eid from ipv4 rloc", "2001:db8:62::/48", "192.0.2.21")]
    [InlineData("rloc-probe ipv6 eid to ipv6 rloc", "rloc-probe reply ipv6 eid from ipv6 rloc", "2001:db8:62::/48", "2001:db8:ff::21")]
    public void RlocProbe_CachedLocator_TsharkShowsPBitAndTheReplyMarksTheProbedLocator(string probeLabel, string replyLabel, string sitePrefix, string rloc)
    {
        var exchange = XtrExchange.Run();
        var frames = Decode([exchange[probeLabel], exchange[replyLabel]]);
        var prefix = EidPrefix.Parse(sitePrefix);
        var locator = IPAddress.Parse(rloc);

        // RFC 9301 §6.3.2: a native Map-Request with P, sent to the locator itself at 4342, naming the cached prefix.
        Assert.Equal(new IPEndPoint(locator, 4342), exchange[probeLabel].Destination);
        var probe = Lisp(frames[probeLabel]);
        Assert.Equal(1, Number(probe, "lisp.type"));
        Assert.Equal("S=0 s=0 P=1", RequestFlags(probe));
        Assert.Equal([prefix], RequestPrefixes(probe));

        // The answer: a Map-Reply with P and the probe's nonce, the probed locator marked p, the others not.
        var reply = Lisp(frames[replyLabel]);
        Assert.Equal(2, Number(reply, "lisp.type"));
        Assert.Equal(1, Number(reply, "lisp.mrep.flags.probe"));
        Assert.Equal(NonceOf(probe), NonceOf(reply));
        Assert.Equal([prefix], MappingPrefixes(reply));
        var locators = Locators(reply, prefix);
        Assert.Contains((locator, true), locators);
        Assert.All(locators.Where(l => !l.Rloc.Equals(locator)), l => Assert.False(l.Probed));
    }

    private static XtrCapture Decode(IReadOnlyList<SentDatagram> datagrams) => XtrCapture.Decode(datagrams);

    /// <summary>The Map-Request bits these tests tell apart: S (SMR), s (SMR-invoked), P (probe), as tshark shows them.</summary>
    private static string RequestFlags(TsharkNode lisp) =>
        $"S={Number(lisp, "lisp.mreq.flags.smr")} s={Number(lisp, "lisp.mreq.flags.smri")} P={Number(lisp, "lisp.mreq.flags.probe")}";

    /// <summary>The nonce tshark shows (0x and 16 hex digits), failing when it shows none: equal nonces must not be two missing fields.</summary>
    private static string NonceOf(TsharkNode lisp)
    {
        var nonce = Value(lisp, "lisp.nonce");
        Assert.Matches("^0x[0-9a-f]{16}$", nonce);
        return nonce!;
    }

    private static string Nonce(ulong nonce) => "0x" + nonce.ToString("x16", CultureInfo.InvariantCulture);

    private static string Colon(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return Colon(bytes);
    }

    private static string Colon(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return Colon(bytes);
    }

    private static string Colon(ReadOnlySpan<byte> bytes) =>
        string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
