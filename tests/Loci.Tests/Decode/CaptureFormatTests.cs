using System.Text.Json;
using Loci.Wire;

namespace Loci.Tests.Decode;

/// <summary>The capture reader: pcap byte orders and resolutions, pcapng, link types, IPv6, fragments, damage.</summary>
public sealed class CaptureFormatTests
{
    private static readonly byte[] Register = new MapRegister(0x0102030405060708, TestRecords.One())
    {
        WantMapNotify = true,
        Algorithm = AuthAlgorithm.HmacSha1_96,
        AuthenticationData = new byte[20],
    }.ToArray();

    private static byte[] V4Frame => Packets.Ipv4Udp("192.0.2.1", "198.51.100.1", 4342, 4342, Register);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Decode_ClassicPcapEitherByteOrderAndResolution_DecodesAndTimes(bool bigEndian, bool nanoseconds)
    {
        var run = DecodeRun.OfCapture(CaptureFiles.Pcap(1, [Packets.Ethernet(V4Frame)], bigEndian, nanoseconds), "--json");
        Assert.Equal(0, run.ExitCode);
        var message = Assert.Single(SharedCaptureDecodeTests.Parse(run));
        Assert.Equal("map-register", message.GetProperty("type").GetString());
        Assert.Equal("0102030405060708", message.GetProperty("nonce").GetString());
        Assert.Equal(nanoseconds ? "2015-08-19T16:00:00.123456789Z" : "2015-08-19T16:00:00.123456Z", message.GetProperty("time").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_PcapNgTwoInterfaces_UsesEachInterfaceLinkType(bool bigEndian)
    {
        var capture = CaptureFiles.PcapNg([(0, Packets.Ethernet(V4Frame)), (1, V4Frame)], bigEndian, 1, 101);
        capture = [.. capture, .. CaptureFiles.SimplePacketBlock(Packets.Ethernet(V4Frame), bigEndian)];
        var run = DecodeRun.OfCapture(capture, "--json");
        Assert.Equal(0, run.ExitCode);
        var messages = SharedCaptureDecodeTests.Parse(run);
        Assert.Equal(3, messages.Length);
        Assert.All(messages, m => Assert.Equal("10.1.0.0/16", m.GetProperty("records")[0].GetProperty("eid").GetString()));
        Assert.Equal("2015-08-19T16:00:00.123456789Z", messages[0].GetProperty("time").GetString());
        Assert.Equal(3, messages[2].GetProperty("packet").GetInt32());
    }

    [Theory]
    [InlineData(113)]
    [InlineData(276)]
    [InlineData(101)]
    [InlineData(12)]
    [InlineData(0)]
    [InlineData(1)]
    public void Decode_LinkTypes_FindTheIpHeader(int linkType)
    {
        var frame = linkType switch
        {
            113 => Packets.Sll(V4Frame),
            276 => Packets.Sll2(V4Frame),
            0 => Packets.Null(V4Frame),
            1 => Packets.Ethernet(V4Frame, 100, 200),
            _ => V4Frame,
        };
        var run = DecodeRun.OfCapture(CaptureFiles.Pcap(linkType, [frame]));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("192.0.2.1:4342 > 198.51.100.1:4342: map-register nonce 0x0102030405060708", Assert.Single(run.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Ipv6TransportWithExtensionHeader_DecodesWithBracketedEndpoints()
    {
        var frame = Packets.Ipv6Udp("2001:db8::1", "2001:db8::2", 61000, 4342, Register, hopByHop: true);
        var run = DecodeRun.OfCapture(CaptureFiles.Pcap(1, [Packets.Ethernet(frame), Packets.Ethernet(frame, 7)]));
        Assert.Equal(2, run.Lines.Length);
        Assert.All(run.Lines, line => Assert.Contains("[2001:db8::1]:61000 > [2001:db8::2]:4342: map-register", line, StringComparison.Ordinal));
        var json = SharedCaptureDecodeTests.Parse(DecodeRun.OfCapture(CaptureFiles.Pcap(1, [Packets.Ethernet(frame)]), "--json"));
        Assert.Equal("2001:db8::1", json[0].GetProperty("src").GetString());
        Assert.Equal(61000, json[0].GetProperty("src_port").GetInt32());
    }

    [Fact]
    public void Decode_OtherPortsAndNonFirstFragments_SkippedAndCounted()
    {
        var other = Packets.Ipv4Udp("192.0.2.1", "198.51.100.1", 53, 53, Register);
        var fragment = Packets.Ipv4Udp("192.0.2.1", "198.51.100.1", 4342, 4342, Register, fragmentField: 0x0010);
        var run = DecodeRun.OfCapture(CaptureFiles.Pcap(101, [other, fragment, V4Frame]));
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("3 ", Assert.Single(run.Lines), StringComparison.Ordinal);
        Assert.Contains("1 non-first IP fragment", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_SnapLengthCut_ReportsTruncatedNotPretending()
    {
        // Map-Notify tolerates trailing bytes, so a cut one would still parse: the reader must say it was cut.
        var notify = new MapNotify(9, TestRecords.One())
        {
            Algorithm = AuthAlgorithm.HmacSha1_96,
            AuthenticationData = new byte[20],
            Extra = new byte[8],
        }.ToArray();
        var frame = Packets.Ipv4Udp("192.0.2.1", "198.51.100.1", 4342, 4342, notify);
        var run = DecodeRun.OfCapture(CaptureFiles.Pcap(101, [frame], cutTo: frame.Length - 4), "--json");
        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(SharedCaptureDecodeTests.Parse(run)).GetProperty("error");
        Assert.Equal("truncated", error.GetProperty("code").GetString());
        Assert.Equal(notify.Length - 4, error.GetProperty("offset").GetInt32());
        Assert.Contains("captured", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DataPort_DecodesDataHeader()
    {
        byte[] data = [0x88, 0, 0, 0, 0, 0, 0x03, 0xE8 >> 0, .. Packets.Ipv4Udp("10.0.0.1", "10.0.0.2", 1, 2, [])];
        data[4] = 0;
        data[5] = 0x03;
        data[6] = 0xE8;
        data[7] = 0x01;
        var run = DecodeRun.OfCapture(CaptureFiles.Pcap(101, [Packets.Ipv4Udp("192.0.2.1", "198.51.100.1", 50000, 4341, data)]), "--json");
        var message = Assert.Single(SharedCaptureDecodeTests.Parse(run));
        Assert.Equal("data", message.GetProperty("type").GetString());
        Assert.True(message.GetProperty("flags").GetProperty("i").GetBoolean());
        Assert.Equal(1000, message.GetProperty("instance_id").GetInt32());
        Assert.Equal(1, message.GetProperty("lsb").GetInt32());
    }

    [Fact]
    public void Decode_CorruptCaptures_ReportErrorNeverThrow()
    {
        var good = CaptureFiles.Pcap(101, [V4Frame, V4Frame]);

        // Every prefix of a valid capture: either clean or a reported cut; never an exception.
        for (var length = 4; length < good.Length; length++)
        {
            var run = DecodeRun.OfCapture(good[..length]);
            Assert.True(run.ExitCode is 0 or 1, $"length {length}: exit {run.ExitCode}");
            if (length > 24 && length != 24 + 16 + V4Frame.Length)
            {
                Assert.Contains("damaged capture", run.Stderr, StringComparison.Ordinal);
            }
        }

        // An absurd captured length in the second record.
        var absurd = (byte[])good.Clone();
        var second = 24 + 16 + V4Frame.Length;
        BitConverter.GetBytes(0x7FFF_FFF0u).CopyTo(absurd, second + 8);
        var damaged = DecodeRun.OfCapture(absurd);
        Assert.Equal(1, damaged.ExitCode);
        Assert.Single(damaged.Lines);
        Assert.Contains("corrupt", damaged.Stderr, StringComparison.Ordinal);

        // pcapng with a lying block length and a truncated section header.
        var ng = CaptureFiles.PcapNg([(0, V4Frame)], false, 101);
        var lying = (byte[])ng.Clone();
        BitConverter.GetBytes(13u).CopyTo(lying, 28 + 4); // the IDB after the 28-byte SHB
        Assert.Equal(1, DecodeRun.OfCapture(lying).ExitCode);
        Assert.Equal(1, DecodeRun.OfCapture(ng[..20]).ExitCode);
    }

    [Fact]
    public void Decode_FiveThousandPackets_Completes()
    {
        var frames = Enumerable.Range(0, 5000).Select(i => i % 2 == 0 ? Packets.Ethernet(V4Frame) : Packets.Ethernet(Packets.Ipv6Udp("2001:db8::1", "2001:db8::2", 4342, 4342, Register)));
        var capture = CaptureFiles.Pcap(1, frames);
        var text = DecodeRun.OfCapture(capture);
        var json = DecodeRun.OfCapture(capture, "--json");
        Assert.Equal(0, text.ExitCode);
        Assert.Equal(5000, text.Lines.Length);
        Assert.Equal(5000, json.Lines.Length);
        Assert.Equal("map-register", JsonDocument.Parse(json.Lines[4999]).RootElement.GetProperty("type").GetString());
    }
}
