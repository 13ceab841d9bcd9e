using System.Buffers.Binary;
using System.Net;
using Loci.Wire;

namespace Loci.Tests.Oracle;

/// <summary>Builds the inner (EID-to-EID) packets a LISP data-plane header encapsulates.</summary>
public static class InnerPackets
{
    /// <summary>An IPv4 + UDP packet with correct lengths and checksums.</summary>
    public static byte[] IPv4Udp(string source, string destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var sourceIp = IPAddress.Parse(source);
        var destinationIp = IPAddress.Parse(destination);
        var packet = new byte[20 + 8 + payload.Length];
        var span = packet.AsSpan();
        span[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 0x1234);
        span[8] = 63;
        span[9] = 17;
        sourceIp.TryWriteBytes(span[12..16], out _);
        destinationIp.TryWriteBytes(span[16..20], out _);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], InternetChecksum.Compute(span[..20]));
        var udp = span[20..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udp.Length);
        payload.CopyTo(udp[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], InternetChecksum.ComputeUdp(sourceIp, destinationIp, udp));
        return packet;
    }
}
