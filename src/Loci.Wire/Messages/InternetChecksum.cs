using System.Buffers.Binary;
using System.Net;

namespace Loci.Wire;

/// <summary>The ones'-complement Internet checksum (RFC 1071), for the inner headers of an ECM.</summary>
public static class InternetChecksum
{
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Sum(data, 0));

    /// <summary>UDP checksum over the pseudo-header (RFC 768 / RFC 8200 §8.1) and the datagram; 0 is sent as 0xFFFF.</summary>
    public static ushort ComputeUdp(IPAddress source, IPAddress destination, ReadOnlySpan<byte> udp)
    {
        Span<byte> pseudo = stackalloc byte[40];
        source.TryWriteBytes(pseudo, out var sourceLength);
        destination.TryWriteBytes(pseudo[sourceLength..], out var destinationLength);
        ulong sum = Sum(pseudo[..(sourceLength + destinationLength)], 0);
        sum += 17;
        // The IPv6 pseudo-header carries a 32-bit length; below 65536 it adds the same as IPv4's 16 bits.
        sum += (ulong)udp.Length;
        var checksum = Finish(Sum(udp, sum));
        return checksum == 0 ? (ushort)0xFFFF : checksum;
    }

    private static ulong Sum(ReadOnlySpan<byte> data, ulong sum)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        return sum;
    }

    private static ushort Finish(ulong sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
