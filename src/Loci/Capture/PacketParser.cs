using System.Buffers.Binary;
using System.Net;

namespace Loci.Capture;

/// <summary>
/// Walks link layer → IPv4/IPv6 → UDP and selects LISP ports (RFC 9300 §5: 4341 data, RFC 9301 §5:
/// 4342 control, on either side). Reads only within the frame and never throws.
/// </summary>
internal static class PacketParser
{
    private const byte Udp = 17;

    public static UdpDatagram Parse(in CaptureFrame frame)
    {
        if (!LinkTypes.IsSupported(frame.LinkType))
        {
            return Other(PacketKind.UnsupportedLink);
        }

        var data = frame.Data.Span;
        var ip = LinkLayer.FindIp(frame.LinkType, data);
        if (ip < 0)
        {
            return Other(ip == -2 ? PacketKind.Truncated : PacketKind.Other);
        }

        if (data.Length <= ip)
        {
            return Other(PacketKind.Truncated);
        }

        return (data[ip] >> 4) switch
        {
            4 => Ipv4(frame, ip),
            6 => Ipv6(frame, ip),
            _ => Other(PacketKind.Other),
        };
    }

    private static UdpDatagram Ipv4(in CaptureFrame frame, int ip)
    {
        var data = frame.Data.Span;
        if (data.Length < ip + 20)
        {
            return Other(PacketKind.Truncated);
        }

        var header = data[ip..];
        var headerLength = (header[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(header[6..]);
        if (headerLength < 20 || header[9] != Udp)
        {
            return Other(PacketKind.Other);
        }

        if ((fragment & 0x1FFF) != 0)
        {
            return Other(PacketKind.Fragment);
        }

        // Total length 0 is what TCP-segmentation-offload captures show; otherwise it bounds the packet (Ethernet pads short frames).
        var end = totalLength == 0 ? data.Length : ip + Math.Max((int)totalLength, headerLength);
        var firstFragment = (fragment & 0x2000) != 0;
        return UdpHeader(frame, ip + headerLength, end, new IPAddress(header.Slice(12, 4)), new IPAddress(header.Slice(16, 4)), firstFragment);
    }

    private static UdpDatagram Ipv6(in CaptureFrame frame, int ip)
    {
        var data = frame.Data.Span;
        if (data.Length < ip + 40)
        {
            return Other(PacketKind.Truncated);
        }

        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(data[(ip + 4)..]);
        var next = data[ip + 6];
        var offset = ip + 40;
        var firstFragment = false;

        // RFC 8200 §4: walk the extension headers to the upper-layer header.
        for (var hops = 0; next != Udp; hops++)
        {
            if (hops > 16 || next is not (0 or 43 or 44 or 51 or 60 or 135 or 139 or 140))
            {
                return Other(PacketKind.Other);
            }

            if (data.Length < offset + 8)
            {
                return Other(PacketKind.Truncated);
            }

            if (next == 44)
            {
                var fragment = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
                if ((fragment & 0xFFF8) != 0)
                {
                    return Other(PacketKind.Fragment);
                }

                firstFragment = (fragment & 1) != 0;
                next = data[offset];
                offset += 8;
                continue;
            }

            var length = next == 51 ? (data[offset + 1] + 2) * 4 : (data[offset + 1] + 1) * 8;
            next = data[offset];
            offset += length;
        }

        // Payload length 0 means a jumbogram (RFC 2675); its length is in a hop-by-hop option, take the frame.
        var end = payloadLength == 0 ? data.Length : ip + 40 + payloadLength;
        return UdpHeader(frame, offset, end, new IPAddress(data.Slice(ip + 8, 16)), new IPAddress(data.Slice(ip + 24, 16)), firstFragment);
    }

    private static UdpDatagram UdpHeader(in CaptureFrame frame, int udp, int ipEnd, IPAddress source, IPAddress destination, bool firstFragment)
    {
        var data = frame.Data.Span;
        if (data.Length < udp + 8)
        {
            return Other(PacketKind.Truncated);
        }

        var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(data[udp..]);
        var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[(udp + 2)..]);
        var kind = sourcePort == Wire.LispPorts.ControlPlane || destinationPort == Wire.LispPorts.ControlPlane ? PacketKind.Control
            : sourcePort == Wire.LispPorts.DataPlane || destinationPort == Wire.LispPorts.DataPlane ? PacketKind.Data
            : PacketKind.Other;
        if (kind == PacketKind.Other)
        {
            return Other(PacketKind.Other);
        }

        var udpLength = BinaryPrimitives.ReadUInt16BigEndian(data[(udp + 4)..]);
        var start = udp + 8;
        var available = Math.Max(0, Math.Min(data.Length, ipEnd) - start);

        // The UDP length is the datagram's own account of its size (tcpdump's "length 8 < 16" trusts it too).
        var declared = udpLength >= 8 ? udpLength - 8 : available;
        var captured = Math.Min(declared, available);

        // Only a frame the capture cut is missing bytes; a UDP length beyond an intact packet is the sender's fault, decode what is there.
        var cut = declared > available && (frame.IsCut || firstFragment);
        var payload = frame.Data.Slice(start, captured);
        return new UdpDatagram(kind, source, destination, sourcePort, destinationPort, payload, cut ? declared : -1, firstFragment);
    }

    private static UdpDatagram Other(PacketKind kind) => new(kind, null, null, 0, 0, default, -1, false);
}
