using System.Buffers.Binary;
using System.Net;
using Loci.Capture;
using Loci.Wire;

namespace Loci.Tests.Oracle;

public sealed class PcapWriterTests
{
    private static readonly IPEndPoint Source4 = new(IPAddress.Parse("192.0.2.1"), 40_000);
    private static readonly IPEndPoint Destination4 = new(IPAddress.Parse("198.51.100.2"), LispPorts.ControlPlane);

    [Fact]
    public void WriteUdp_IPv4_WritesFileHeaderRecordHeaderAndValidChecksums()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            writer.WriteUdp(DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000).AddTicks(1_234_567), Source4, Destination4, [1, 2, 3]);
            Assert.Equal(1, writer.PacketCount);
        }

        var file = stream.ToArray();
        // Magic, version 2.4, thiszone 0, sigfigs 0, snaplen 262144, LINKTYPE_RAW (101), all little-endian.
        Assert.Equal("d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "00000400" + "65000000", Convert.ToHexStringLower(file.AsSpan(0, 24)));
        Assert.Equal(1_700_000_000u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(24)));
        Assert.Equal(123_456u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(28)));
        Assert.Equal(31u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(32)));
        Assert.Equal(31u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(36)));
        var packet = file.AsSpan(40);
        Assert.Equal(31, packet.Length);
        Assert.Equal(0x45, packet[0]);
        Assert.Equal(31, BinaryPrimitives.ReadUInt16BigEndian(packet[2..]));
        Assert.Equal(0, InternetChecksum.Compute(packet[..20]));
        Assert.Equal(LispPorts.ControlPlane, BinaryPrimitives.ReadUInt16BigEndian(packet[22..]));
        Assert.Equal(11, BinaryPrimitives.ReadUInt16BigEndian(packet[24..]));
        Assert.NotEqual(0, BinaryPrimitives.ReadUInt16BigEndian(packet[26..]));
        Assert.Equal(0xFFFF, InternetChecksum.ComputeUdp(Source4.Address, Destination4.Address, packet[20..]));
    }

    [Fact]
    public void WriteUdp_IPv6_WritesFixedHeaderWithPayloadLength()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            writer.WriteUdp(DateTimeOffset.UnixEpoch, new IPEndPoint(IPAddress.IPv6Loopback, 1), new IPEndPoint(IPAddress.Parse("2001:db8::1"), 4341), new byte[100]);
        }

        var packet = stream.ToArray().AsSpan(40);
        Assert.Equal(148, packet.Length);
        Assert.Equal(0x60, packet[0]);
        Assert.Equal(108, BinaryPrimitives.ReadUInt16BigEndian(packet[4..]));
        Assert.Equal(17, packet[6]);
    }

    [Fact]
    public void WriteUdp_TimeBefore1970_ClampsToZeroWithoutThrowing()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            writer.WriteUdp(DateTimeOffset.MinValue, Source4, Destination4, []);
        }

        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(stream.ToArray().AsSpan(24)));
    }

    [Fact]
    public void WriteUdp_MixedFamiliesOrOversizedPayload_ThrowsArgumentException()
    {
        using var writer = new PcapWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => writer.WriteUdp(DateTimeOffset.UnixEpoch, Source4, new IPEndPoint(IPAddress.IPv6Loopback, 4342), []));
        Assert.Throws<ArgumentException>(() => writer.WriteUdp(DateTimeOffset.UnixEpoch, Source4, Destination4, new byte[PcapWriter.MaxIPv4UdpPayload + 1]));
        Assert.Equal(0, writer.PacketCount);
    }

    [Fact]
    public void Dispose_Twice_DisposesStreamOnce()
    {
        var stream = new MemoryStream();
        var writer = new PcapWriter(stream);
        writer.Dispose();
        writer.Dispose();
        Assert.False(stream.CanWrite);
        Assert.Throws<ObjectDisposedException>(() => writer.WriteUdp(DateTimeOffset.UnixEpoch, Source4, Destination4, []));
    }
}
