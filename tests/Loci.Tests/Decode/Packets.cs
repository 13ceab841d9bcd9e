using System.Buffers.Binary;
using System.Net;

namespace Loci.Tests.Decode;

/// <summary>Hand-built IP/UDP packets and link-layer headers for capture tests (checksums are left zero; the decoder ignores them).</summary>
internal static class Packets
{
    public static byte[] Ipv4Udp(string source, string destination, int sourcePort, int destinationPort, byte[] payload, ushort fragmentField = 0, int? udpLength = null)
    {
        var packet = new byte[20 + 8 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), fragmentField);
        packet[8] = 64;
        packet[9] = 17;
        IPAddress.Parse(source).TryWriteBytes(packet.AsSpan(12), out _);
        IPAddress.Parse(destination).TryWriteBytes(packet.AsSpan(16), out _);
        WriteUdp(packet.AsSpan(20), sourcePort, destinationPort, payload, udpLength);
        return packet;
    }

    /// <summary>An IPv6 packet, optionally with a hop-by-hop options header (8 bytes) before UDP.</summary>
    public static byte[] Ipv6Udp(string source, string destination, int sourcePort, int destinationPort, byte[] payload, bool hopByHop = false)
    {
        var extension = hopByHop ? 8 : 0;
        var packet = new byte[40 + extension + 8 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(packet.Length - 40));
        packet[6] = hopByHop ? (byte)0 : (byte)17;
        packet[7] = 64;
        IPAddress.Parse(source).TryWriteBytes(packet.AsSpan(8), out _);
        IPAddress.Parse(destination).TryWriteBytes(packet.AsSpan(24), out _);
        if (hopByHop)
        {
            packet[40] = 17; // next header UDP, length 0 = 8 bytes, PadN option fills the rest
            packet[42] = 1;
            packet[43] = 4;
        }

        WriteUdp(packet.AsSpan(40 + extension), sourcePort, destinationPort, payload, null);
        return packet;
    }

    public static byte[] Ethernet(byte[] ip, params ushort[] vlans)
    {
        var frame = new List<byte>(new byte[12]);
        foreach (var vlan in vlans)
        {
            frame.AddRange([0x81, 0x00, (byte)(vlan >> 8), (byte)vlan]);
        }

        frame.AddRange(EtherType(ip));
        frame.AddRange(ip);
        return [.. frame];
    }

    /// <summary>Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 16-byte header, protocol last).</summary>
    public static byte[] Sll(byte[] ip)
    {
        byte[] header = [0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, .. EtherType(ip)];
        return [.. header, .. ip];
    }

    /// <summary>Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 20-byte header, protocol first).</summary>
    public static byte[] Sll2(byte[] ip)
    {
        byte[] header = [.. EtherType(ip), 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0];
        return [.. header, .. ip];
    }

    /// <summary>BSD loopback: the address family in little-endian host order.</summary>
    public static byte[] Null(byte[] ip)
    {
        byte[] header = [(byte)((ip[0] >> 4) == 6 ? 30 : 2), 0, 0, 0];
        return [.. header, .. ip];
    }

    private static byte[] EtherType(byte[] ip) => (ip[0] >> 4) == 6 ? [0x86, 0xDD] : [0x08, 0x00];

    private static void WriteUdp(Span<byte> udp, int sourcePort, int destinationPort, byte[] payload, int? udpLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(udpLength ?? 8 + payload.Length));
        payload.CopyTo(udp[8..]);
    }
}
