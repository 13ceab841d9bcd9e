namespace Loci.Wire;

/// <summary>
/// The inner IPv4/IPv6 and UDP headers of an ECM (RFC 9301 §5.8), read without trusting any length
/// and without allocating: the addresses stay slices of the datagram (4 or 16 bytes). The model's
/// <see cref="InnerHeaders"/> is built from this view, so both accept exactly the same input.
/// </summary>
public readonly ref struct InnerHeaderView
{
    private const int UdpProtocol = 17;

    private InnerHeaderView(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ushort sourcePort, ushort destinationPort, byte ttl, byte tos, int payloadLength)
    {
        Source = source;
        Destination = destination;
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        Ttl = ttl;
        Tos = tos;
        PayloadLength = payloadLength;
    }

    /// <summary>Inner source address, 4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    public ReadOnlySpan<byte> Source { get; }

    public ReadOnlySpan<byte> Destination { get; }

    public ushort SourcePort { get; }

    public ushort DestinationPort { get; }

    /// <summary>Inner IPv4 TTL / IPv6 hop limit.</summary>
    public byte Ttl { get; }

    /// <summary>Inner IPv4 TOS / IPv6 traffic class.</summary>
    public byte Tos { get; }

    /// <summary>Bytes of the UDP payload (the inner LISP message), checked against the datagram.</summary>
    public int PayloadLength { get; }

    public bool IsIPv6 => Source.Length == 16;

    public static bool TryRead(scoped ref SpanReader reader, out InnerHeaderView headers)
    {
        headers = default;
        var ipStart = reader.Offset;
        if (reader.Remaining < 1)
        {
            return reader.Fail(WireErrorCode.Truncated, "ECM inner IP header");
        }

        ReadOnlySpan<byte> source, destination;
        byte ttl, tos;
        int ipPayload;
        switch (reader.PeekUInt8() >> 4)
        {
            case 4:
            {
                if (!reader.TryReadBytes(20, out var ip, "inner IPv4 header"))
                {
                    return false;
                }

                var headerLength = (ip[0] & 0x0F) * 4;
                if (headerLength < 20)
                {
                    return reader.FailAt(WireErrorCode.BadInnerHeader, ipStart, "IPv4 header length below 20");
                }

                if (!reader.TrySkip(headerLength - 20, "inner IPv4 options"))
                {
                    return false;
                }

                if (ip[9] != UdpProtocol)
                {
                    return reader.FailAt(WireErrorCode.BadInnerHeader, ipStart + 9, "inner protocol is not UDP");
                }

                ipPayload = ((ip[2] << 8) | ip[3]) - headerLength;
                tos = ip[1];
                ttl = ip[8];
                source = ip.Slice(12, 4);
                destination = ip.Slice(16, 4);
                break;
            }

            case 6:
            {
                if (!reader.TryReadBytes(40, out var ip, "inner IPv6 header"))
                {
                    return false;
                }

                if (ip[6] != UdpProtocol)
                {
                    return reader.FailAt(WireErrorCode.BadInnerHeader, ipStart + 6, "inner next header is not UDP (extension headers are not supported)");
                }

                ipPayload = (ip[4] << 8) | ip[5];
                tos = (byte)((((ip[0] & 0x0F) << 4) | (ip[1] >> 4)) & 0xFF);
                ttl = ip[7];
                source = ip.Slice(8, 16);
                destination = ip.Slice(24, 16);
                break;
            }

            default:
                return reader.FailAt(WireErrorCode.BadInnerHeader, ipStart, "inner IP version is neither 4 nor 6");
        }

        var udpStart = reader.Offset;
        if (!reader.TryReadUInt16(out var sourcePort, "inner UDP source port")
            || !reader.TryReadUInt16(out var destinationPort, "inner UDP destination port")
            || !reader.TryReadUInt16(out var udpLength, "inner UDP length")
            || !reader.TrySkip(2, "inner UDP checksum"))
        {
            return false;
        }

        if (udpLength < 8 || udpLength - 8 > reader.Remaining)
        {
            return reader.FailAt(WireErrorCode.BadInnerHeader, udpStart + 4, "inner UDP length disagrees with the message");
        }

        if (ipPayload != udpLength)
        {
            return reader.FailAt(WireErrorCode.BadInnerHeader, ipStart, "inner IP length disagrees with the UDP length");
        }

        headers = new InnerHeaderView(source, destination, sourcePort, destinationPort, ttl, tos, udpLength - 8);
        return true;
    }
}
