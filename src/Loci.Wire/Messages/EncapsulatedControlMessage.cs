using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Loci.Wire;

/// <summary>
/// Encapsulated Control Message, type 8 (RFC 9301 §5.8): a control message (normally a
/// Map-Request) inside an IP and UDP header addressed to the EID, so the mapping system can route it:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Type=8 |S|D|E|M|            Reserved                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~        LISP-SEC ECM authentication data (when S)              ~
/// |                       IPv4 or IPv6 Header                     |
/// |                   (uses RLOC or EID addresses)                |
/// |                         UDP Header                            |
/// |                 (dst port 4342, src port of the requester)    |
/// |                    LISP Control Message                       |
/// </code>
/// </summary>
public sealed record EncapsulatedControlMessage : LispMessage
{
    public const uint SecurityFlag = 0x0800_0000;
    public const uint DdtOriginatedFlag = 0x0400_0000;
    public const uint ToEtrFlag = 0x0200_0000;
    public const uint ToMapServerFlag = 0x0100_0000;
    public const uint ReservedMask = 0x00FF_FFFF;

    private const int UdpProtocol = 17;

    public EncapsulatedControlMessage(IPAddress innerSource, IPAddress innerDestination, ushort innerSourcePort, ushort innerDestinationPort, LispMessage inner)
    {
        ArgumentNullException.ThrowIfNull(innerSource);
        ArgumentNullException.ThrowIfNull(innerDestination);
        ArgumentNullException.ThrowIfNull(inner);
        if (innerSource.AddressFamily != innerDestination.AddressFamily)
        {
            throw new ArgumentException("Inner source and destination must be of one address family.", nameof(innerDestination));
        }

        if (inner is EncapsulatedControlMessage)
        {
            throw new ArgumentException("An ECM does not carry another ECM.", nameof(inner));
        }

        InnerSource = new InetAddress(innerSource).Ip;
        InnerDestination = new InetAddress(innerDestination).Ip;
        InnerSourcePort = innerSourcePort;
        InnerDestinationPort = innerDestinationPort;
        Inner = inner;
    }

    public override MessageType Type => MessageType.EncapsulatedControlMessage;

    /// <summary>D: sent by a DDT client; a Map-Server answers with a Map-Referral (RFC 8111 §6.3).</summary>
    public bool DdtOriginated { get; init; }

    /// <summary>E: forwarded by a Map-Server to an ETR (RFC 9301 §5.8).</summary>
    public bool ToEtr { get; init; }

    /// <summary>M: on its way from a Map-Resolver to a Map-Server (RFC 9301 §5.8).</summary>
    public bool ToMapServer { get; init; }

    /// <summary>LISP-SEC ECM authentication data (RFC 9303 §6.1); S is set when present. Kept opaque.</summary>
    public EquatableArray<byte>? SecurityData { get; init; }

    public uint ReservedBits { get; init; }

    public IPAddress InnerSource { get; init; }

    public IPAddress InnerDestination { get; init; }

    public ushort InnerSourcePort { get; init; }

    public ushort InnerDestinationPort { get; init; }

    /// <summary>Inner IPv4 TTL / IPv6 hop limit.</summary>
    public byte InnerTtl { get; init; } = 64;

    /// <summary>Inner IPv4 TOS / IPv6 traffic class.</summary>
    public byte InnerTos { get; init; }

    public LispMessage Inner { get; init; }

    public bool IsIPv6 => InnerSource.AddressFamily == AddressFamily.InterNetworkV6;

    public uint HeaderWord =>
        ((uint)MessageType.EncapsulatedControlMessage << 28)
        | (SecurityData is not null ? SecurityFlag : 0)
        | (DdtOriginated ? DdtOriginatedFlag : 0)
        | (ToEtr ? ToEtrFlag : 0)
        | (ToMapServer ? ToMapServerFlag : 0)
        | (ReservedBits & ReservedMask);

    private int IpHeaderLength => IsIPv6 ? 40 : 20;

    public override int EncodedLength => 4 + (SecurityData?.Count ?? 0) + IpHeaderLength + 8 + Inner.EncodedLength;

    internal override void Write(ref SpanWriter writer)
    {
        writer.WriteUInt32(HeaderWord);
        if (SecurityData is { } security)
        {
            writer.WriteBytes(security.AsSpan());
        }

        var innerLength = Inner.EncodedLength;
        var udpLength = 8 + innerLength;
        if (udpLength > ushort.MaxValue)
        {
            throw new InvalidOperationException("The inner message does not fit one UDP datagram.");
        }

        var ipStart = writer.Position;
        if (IsIPv6)
        {
            writer.WriteUInt32(0x6000_0000u | ((uint)InnerTos << 20));
            writer.WriteUInt16((ushort)udpLength);
            writer.WriteUInt8(UdpProtocol);
            writer.WriteUInt8(InnerTtl);
            WriteAddress(ref writer, InnerSource);
            WriteAddress(ref writer, InnerDestination);
        }
        else
        {
            writer.WriteUInt8(0x45);
            writer.WriteUInt8(InnerTos);
            writer.WriteUInt16((ushort)(20 + udpLength));
            writer.WriteUInt32(0); // identification, flags, fragment offset
            writer.WriteUInt8(InnerTtl);
            writer.WriteUInt8(UdpProtocol);
            writer.WriteUInt16(0); // checksum, patched below
            WriteAddress(ref writer, InnerSource);
            WriteAddress(ref writer, InnerDestination);
            writer.PatchUInt16(ipStart + 10, InternetChecksum.Compute(writer.Buffer.Slice(ipStart, 20)));
        }

        var udpStart = writer.Position;
        writer.WriteUInt16(InnerSourcePort);
        writer.WriteUInt16(InnerDestinationPort);
        writer.WriteUInt16((ushort)udpLength);
        writer.WriteUInt16(0); // checksum, patched below
        Inner.Write(ref writer);
        var checksum = InternetChecksum.ComputeUdp(InnerSource, InnerDestination, writer.Buffer.Slice(udpStart, udpLength));
        writer.PatchUInt16(udpStart + 6, checksum);
    }

    /// <summary>
    /// Passes a received ECM on with other D/E/M flags, without re-encoding it (a Map-Resolver sending
    /// an ITR's request on: D to a DDT node or Map-Server, RFC 8111 §6.3; M to a Map-Server, RFC 9301
    /// §8.4): the bytes are copied and only the header word rewritten: type 8, S as received,
    /// <paramref name="flags"/>, reserved bits zero (RFC 9301 §5.8). The inner IP and UDP headers
    /// and their checksums stay valid, as none of them covers the ECM header.
    /// </summary>
    /// <param name="ecm">A whole ECM, validated by the caller (<see cref="EcmView"/>).</param>
    /// <param name="flags">Any of <see cref="DdtOriginatedFlag"/>, <see cref="ToEtrFlag"/>, <see cref="ToMapServerFlag"/>.</param>
    /// <returns>The bytes written, <paramref name="ecm"/>'s length.</returns>
    /// <exception cref="ArgumentException">Not an ECM, other flags asked for, or <paramref name="destination"/> too short.</exception>
    public static int CopyWithFlags(ReadOnlySpan<byte> ecm, Span<byte> destination, uint flags)
    {
        if ((flags & ~(DdtOriginatedFlag | ToEtrFlag | ToMapServerFlag)) != 0)
        {
            throw new ArgumentException("Only the D, E and M flags can be set.", nameof(flags));
        }

        if (ecm.Length < 4 || ecm[0] >> 4 != (int)MessageType.EncapsulatedControlMessage)
        {
            throw new ArgumentException("Not an Encapsulated Control Message.", nameof(ecm));
        }

        if (destination.Length < ecm.Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; the ECM has {ecm.Length}.", nameof(destination));
        }

        ecm.CopyTo(destination);
        var header = BinaryPrimitives.ReadUInt32BigEndian(ecm);
        BinaryPrimitives.WriteUInt32BigEndian(destination, ((uint)MessageType.EncapsulatedControlMessage << 28) | (header & SecurityFlag) | flags);
        return ecm.Length;
    }

    private static void WriteAddress(ref SpanWriter writer, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        writer.WriteBytes(bytes[..written]);
    }

    internal static bool TryRead(ref SpanReader reader, int depth, out EncapsulatedControlMessage message)
    {
        message = null!;
        var start = reader.Offset;
        if (!reader.TryReadUInt32(out var header, "ECM header"))
        {
            return false;
        }

        if (depth > 0)
        {
            return reader.FailAt(WireErrorCode.BadValue, start, "an ECM inside an ECM");
        }

        EquatableArray<byte>? security = null;
        if ((header & SecurityFlag) != 0)
        {
            if (!TryReadSecurityData(ref reader, out var securityBytes))
            {
                return false;
            }

            security = securityBytes;
        }

        if (!InnerHeaders.TryRead(ref reader, out var ip))
        {
            return false;
        }

        if (!reader.TryReadBytes(ip.PayloadLength, out var innerBytes, "ECM inner message"))
        {
            return false;
        }

        if (!MessageCodec.TryParse(innerBytes, reader.Offset - innerBytes.Length, depth + 1, out var inner, out var innerError))
        {
            return reader.Fail(innerError);
        }

        message = new EncapsulatedControlMessage(ip.Source, ip.Destination, ip.SourcePort, ip.DestinationPort, inner)
        {
            DdtOriginated = (header & DdtOriginatedFlag) != 0,
            ToEtr = (header & ToEtrFlag) != 0,
            ToMapServer = (header & ToMapServerFlag) != 0,
            SecurityData = security,
            ReservedBits = header & ReservedMask,
            InnerTtl = ip.Ttl,
            InnerTos = ip.Tos,
        };
        return true;
    }

    /// <summary>
    /// LISP-SEC ECM authentication data (RFC 9303 §6.1): AD Type and reserved (4), OTK-AD Length (2),
    /// OTK Wrapping ID (2), OTK-AD, EID-AD Length (2), EID-AD. The layout could be confirmed from one
    /// source only (PROTOCOL.md §7.2); Loci walks the lengths to find the inner header and keeps the bytes.
    /// </summary>
    private static bool TryReadSecurityData(ref SpanReader reader, out byte[] bytes)
    {
        bytes = [];
        if (!TrySliceSecurityData(ref reader, out var span))
        {
            return false;
        }

        bytes = span.ToArray();
        return true;
    }

    /// <summary>The LISP-SEC data as a slice of the datagram; shared with <see cref="EcmView"/>.</summary>
    internal static bool TrySliceSecurityData(scoped ref SpanReader reader, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        var origin = reader;
        if (!reader.TrySkip(4, "LISP-SEC AD type")
            || !reader.TryReadUInt16(out var otkLength, "LISP-SEC OTK-AD length")
            || !reader.TrySkip(2, "LISP-SEC OTK wrapping ID")
            || !reader.TrySkip(otkLength, "LISP-SEC OTK-AD")
            || !reader.TryReadUInt16(out var eidAdLength, "LISP-SEC EID-AD length")
            || !reader.TrySkip(eidAdLength, "LISP-SEC EID-AD"))
        {
            return false;
        }

        bytes = origin.RemainingSpan[..(reader.Position - origin.Position)];
        return true;
    }
}
