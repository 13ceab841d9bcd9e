using System.Text.Json;

namespace Loci.Tests.Decode;

/// <summary>
/// `loci decode --json` on tcpdump's LISP sample captures, checked against tcpdump's own decodings
/// (the *.out files beside them): EIDs, locators, record counts, xTR-ID and flags.
/// </summary>
public sealed class SharedCaptureDecodeTests
{
    private const string XtrId = "9787ad753caf58a713fa6920e6d27a8f";

    [Fact]
    public void Decode_EidRegisterCapture_MatchesTcpdump()
    {
        var run = DecodeRun.Of("--json", SharedCaptures.Path("lisp_eid_register.pcap"));
        Assert.Equal(0, run.ExitCode);
        var packets = Parse(run);
        Assert.Equal(2, packets.Length);
        foreach (var packet in packets)
        {
            Assert.Equal("map-register", packet.GetProperty("type").GetString());
            Assert.Equal("192.168.0.105", packet.GetProperty("src").GetString());
            Assert.Equal(4342, packet.GetProperty("dst_port").GetInt32());
            var flags = packet.GetProperty("flags");
            Assert.True(flags.GetProperty("xtr_id_present").GetBoolean());
            Assert.True(flags.GetProperty("want_map_notify").GetBoolean());
            Assert.False(flags.GetProperty("proxy_reply").GetBoolean());
            Assert.Equal(1, packet.GetProperty("algorithm_id").GetInt32());
            Assert.Equal(20, packet.GetProperty("auth_length").GetInt32());
            Assert.Equal(XtrId, packet.GetProperty("xtr_id").GetString());
            Assert.Equal("0000000000000000", packet.GetProperty("site_id").GetString());
        }

        Assert.Equal("2015-08-17T19:46:29.089857Z", packets[0].GetProperty("time").GetString());
        AssertRecords(packets[0], ("10.30.1.100/32", ["20.20.8.253"]), ("10.30.1.96/32", ["20.20.8.252"]));
        AssertRecords(packets[1], ("10.30.1.100/32", ["20.20.8.253"]), ("10.30.1.96/32", ["20.20.8.251", "20.20.8.252"]));
        var locator = packets[0].GetProperty("records")[0].GetProperty("locators")[0];
        Assert.Equal(1, locator.GetProperty("priority").GetInt32());
        Assert.Equal(100, locator.GetProperty("weight").GetInt32());
        Assert.Equal(1, locator.GetProperty("m_priority").GetInt32());
        Assert.Equal(100, locator.GetProperty("m_weight").GetInt32());
    }

    [Fact]
    public void Decode_Ipv6EidCapture_MatchesTcpdump()
    {
        var run = DecodeRun.Of("--json", SharedCaptures.Path("lisp_ipv6.pcap"));
        Assert.Equal(0, run.ExitCode);
        var packets = Parse(run);
        Assert.Equal(["map-register", "map-notify"], packets.Select(p => p.GetProperty("type").GetString()));
        foreach (var packet in packets)
        {
            AssertRecords(packet, ("2001:db8:85a3::8a2e:370:7334/80", ["20.20.8.253"]), ("2001:db8:95a3::8a2e:370:7334/80", ["20.20.8.251"]));
        }

        Assert.Equal(XtrId, packets[0].GetProperty("xtr_id").GetString());
        Assert.False(packets[1].TryGetProperty("xtr_id", out _));
        Assert.False(packets[1].GetProperty("flags").GetProperty("xtr_id_present").GetBoolean());
    }

    [Fact]
    public void Decode_EidNotifyCapture_MatchesTcpdumpAndFlagsPacket3()
    {
        var run = DecodeRun.Of("--json", SharedCaptures.Path("lisp_eid_notify.pcap"));
        var packets = Parse(run);
        Assert.Equal(4, packets.Length);
        Assert.All(packets, p => Assert.Equal("map-notify", p.GetProperty("type").GetString()));
        (string, string[])[] three = [("10.30.1.100/32", ["20.20.8.253"]), ("10.30.1.96/32", ["20.20.8.251", "20.20.8.252"]), ("10.30.1.80/32", ["20.20.8.239"])];
        AssertRecords(packets[0], three);
        AssertRecords(packets[1], three[..2]);
        Assert.Equal(XtrId, packets[1].GetProperty("xtr_id").GetString());
        AssertRecords(packets[3], three[..2]);
        Assert.False(packets[3].TryGetProperty("error", out _));

        // Packet 3 is whole in the capture (caplen 174 = len 174) but sets the I bit with no room for
        // the xTR-ID: tcpdump prints the three records then "[|lisp]"; so do we, as a truncated message.
        AssertRecords(packets[2], three);
        var error = packets[2].GetProperty("error");
        Assert.Equal("truncated", error.GetProperty("code").GetString());
        Assert.Equal(132, error.GetProperty("offset").GetInt32());
        Assert.Contains("xTR-ID", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Decode_InvalidCapture_ReportsUnknownAfiAndAuthLength()
    {
        var run = DecodeRun.Of("--json", SharedCaptures.Path("lisp_invalid.pcap"));
        Assert.Equal(1, run.ExitCode);
        var packets = Parse(run);
        Assert.Equal(2, packets.Length);
        var afi = packets[0].GetProperty("error");
        Assert.Equal("map-notify", packets[0].GetProperty("type").GetString());
        Assert.Equal("unknown_afi", afi.GetProperty("code").GetString());
        Assert.Equal(46, afi.GetProperty("offset").GetInt32());
        Assert.Contains("7680", afi.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Packet 2 is cut by the capture (caplen 83 < len 170), yet 35117 exceeds even the full datagram.
        var auth = packets[1].GetProperty("error");
        Assert.Equal("bad_length", auth.GetProperty("code").GetString());
        Assert.Equal(14, auth.GetProperty("offset").GetInt32());
        Assert.Contains("35117 > 112", auth.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_InvalidLengthCapture_ReportsTruncatedWithoutCrashing()
    {
        var run = DecodeRun.Of(SharedCaptures.Path("lisp_invalid_length.pcap"));
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Lines);
        Assert.StartsWith("1 1970-01-15 05:20:00.049333 13.1.1.1:61 > 1.254.1.121:4342: map-register malformed: truncated", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lisp_eid_register.pcap")]
    [InlineData("lisp_eid_notify.pcap")]
    [InlineData("lisp_invalid.pcap")]
    [InlineData("lisp_invalid_length.pcap")]
    [InlineData("lisp_ipv6.pcap")]
    public void Decode_EveryCaptureInEveryMode_OneMessagePerPacket(string file)
    {
        var path = SharedCaptures.Path(file);
        var text = DecodeRun.Of(path);
        var verbose = DecodeRun.Of("--verbose", path);
        var json = DecodeRun.Of("--json", path);
        Assert.Equal(text.ExitCode, verbose.ExitCode);
        Assert.Equal(text.ExitCode, json.ExitCode);
        Assert.Equal(json.Lines.Length, text.Lines.Length);
        Assert.True(verbose.Lines.Length > text.Lines.Length);
        Assert.Equal(Enumerable.Range(1, json.Lines.Length), Parse(json).Select(p => p.GetProperty("packet").GetInt32()));
    }

    [Fact]
    public void Decode_Verbose_NamesEveryHeaderFlagAndField()
    {
        var run = DecodeRun.Of("-v", SharedCaptures.Path("lisp_eid_register.pcap"));
        foreach (var expected in new[]
        {
            "proxy-reply (P): 0", "xtr-id-present (I): 1", "want-map-notify (M): 1", "algorithm id: 1 (hmac-sha1-96)",
            "authentication data: 4bbb9614a67a86040407799545371906836cd1d6", "action (ACT): 0 (no-action)", "authoritative (A): 1",
            "multicast weight: 100", "reachable (R): 0", "xtr-id: " + XtrId,
        })
        {
            Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        }
    }

    internal static JsonElement[] Parse(DecodeRun run) =>
        [.. run.Lines.Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    private static void AssertRecords(JsonElement message, params (string Eid, string[] Rlocs)[] expected)
    {
        var records = message.GetProperty("records");
        Assert.Equal(expected.Length, records.GetArrayLength());
        for (var i = 0; i < expected.Length; i++)
        {
            var record = records[i];
            Assert.Equal(expected[i].Eid, record.GetProperty("eid").GetString());
            Assert.Equal(1440, record.GetProperty("ttl").GetInt32());
            Assert.Equal("no-action", record.GetProperty("action").GetString());
            Assert.True(record.GetProperty("authoritative").GetBoolean());
            Assert.Equal(0, record.GetProperty("map_version").GetInt32());
            Assert.Equal(expected[i].Rlocs, record.GetProperty("locators").EnumerateArray().Select(l => l.GetProperty("rloc").GetString()));
        }
    }
}
