using System.Net;

namespace Loci.Wire.Formatting;

/// <summary>The addresses and protocol of the packet a LISP data header encapsulates (RFC 9300 §5.1), when readable.</summary>
public sealed record InnerPacket(IPAddress Source, IPAddress Destination, byte Protocol)
{
    /// <summary>Reads an IPv4 or IPv6 header; false (never an exception) when the bytes are not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out InnerPacket? inner)
    {
        inner = null;
        if (packet.IsEmpty)
        {
            return false;
        }

        switch (packet[0] >> 4)
        {
            case 4 when packet.Length >= 20:
                inner = new InnerPacket(new IPAddress(packet.Slice(12, 4)), new IPAddress(packet.Slice(16, 4)), packet[9]);
                return true;
            case 6 when packet.Length >= 40:
                inner = new InnerPacket(new IPAddress(packet.Slice(8, 16)), new IPAddress(packet.Slice(24, 16)), packet[6]);
                return true;
            default:
                return false;
        }
    }
}
