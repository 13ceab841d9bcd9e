using System.Buffers.Binary;
using System.Net;

namespace Loci.Wire;

/// <summary>
/// A zero-copy view of one AFI-prefixed address inside a datagram, for the receive path. Reading
/// checks every length against the buffer (LCAFs by their Length field, nested to
/// <see cref="LispAddress.MaxNestingDepth"/>) but decodes no LCAF payload; <see cref="TryGetInstanceId"/>
/// opens the one LCAF the hot path needs, and <see cref="ToAddress"/> materialises the full model.
/// </summary>
public readonly ref struct AddressView
{
    private AddressView(Afi afi, ReadOnlySpan<byte> body, int offset)
    {
        Afi = afi;
        Body = body;
        Offset = offset;
    }

    public Afi Afi { get; }

    /// <summary>The bytes after the AFI (for an LCAF: Rsvd1, Flags, Type, Rsvd2, Length, payload).</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>Offset of the AFI in the datagram.</summary>
    public int Offset { get; }

    public bool IsIPv4 => Afi == Afi.IPv4;

    public bool IsIPv6 => Afi == Afi.IPv6;

    public LcafType LcafType => Afi == Afi.Lcaf ? (LcafType)Body[2] : LcafType.NullBody;

    /// <summary>The IPv4 address as a big-endian integer (valid when <see cref="IsIPv4"/>).</summary>
    public uint IPv4 => BinaryPrimitives.ReadUInt32BigEndian(Body);

    /// <summary>The IPv6 address as a big-endian 128-bit integer (valid when <see cref="IsIPv6"/>).</summary>
    public UInt128 IPv6 => BinaryPrimitives.ReadUInt128BigEndian(Body);

    public static bool TryRead(scoped ref SpanReader reader, out AddressView view) => TryRead(ref reader, 0, out view);

    private static bool TryRead(scoped ref SpanReader reader, int depth, out AddressView view)
    {
        view = default;
        var offset = reader.Offset;
        if (!reader.TryReadUInt16(out var afi, "address AFI"))
        {
            return false;
        }

        int length;
        switch ((Afi)afi)
        {
            case Afi.None:
                length = 0;
                break;
            case Afi.IPv4:
                length = 4;
                break;
            case Afi.IPv6:
                length = 16;
                break;
            case Afi.Mac:
            case Afi.Ieee802:
                length = 6;
                break;
            case Afi.DistinguishedName:
                length = reader.RemainingSpan.IndexOf((byte)0) + 1;
                if (length == 0)
                {
                    return reader.Fail(WireErrorCode.Truncated, "distinguished name without NUL terminator");
                }

                break;
            case Afi.Lcaf:
                if (depth >= LispAddress.MaxNestingDepth)
                {
                    return reader.FailAt(WireErrorCode.NestingTooDeep, offset, "more than 8 nested LCAFs");
                }

                if (reader.Remaining < LcafAddress.HeaderLength)
                {
                    return reader.Fail(WireErrorCode.Truncated, "LCAF header");
                }

                length = LcafAddress.HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(reader.RemainingSpan[4..]);
                if (length > reader.Remaining)
                {
                    return reader.FailAt(WireErrorCode.BadLength, offset + 6, "LCAF length runs past the message");
                }

                break;
            default:
                return reader.FailAt(WireErrorCode.UnknownAfi, offset, "address family not recognised, its length is unknown");
        }

        if (!reader.TryReadBytes(length, out var body, "address"))
        {
            return false;
        }

        view = new AddressView((Afi)afi, body, offset);
        return true;
    }

    /// <summary>Opens an Instance-ID LCAF (RFC 8060 §4.1): its instance ID and inner address.</summary>
    public bool TryGetInstanceId(out uint instanceId, out AddressView inner)
    {
        instanceId = 0;
        inner = default;
        if (Afi != Afi.Lcaf || LcafType != LcafType.InstanceId || Body.Length < LcafAddress.HeaderLength + 4)
        {
            return false;
        }

        instanceId = BinaryPrimitives.ReadUInt32BigEndian(Body[LcafAddress.HeaderLength..]);
        var reader = new SpanReader(Body[(LcafAddress.HeaderLength + 4)..], Offset + 2 + LcafAddress.HeaderLength + 4);
        return TryRead(ref reader, 1, out inner) && reader.IsAtEnd;
    }

    /// <summary>Materialises the immutable model (allocates).</summary>
    public bool TryToAddress(out LispAddress address, out WireError error)
    {
        Span<byte> afi = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(afi, (ushort)Afi);
        var bytes = new byte[2 + Body.Length];
        afi.CopyTo(bytes);
        Body.CopyTo(bytes.AsSpan(2));
        var reader = new SpanReader(bytes, Offset);
        var ok = LispAddress.TryRead(ref reader, out address);
        error = reader.Error;
        return ok;
    }

    public LispAddress ToAddress() => TryToAddress(out var address, out var error) ? address : throw new WireFormatException(error);

    /// <summary>The address as <see cref="IPAddress"/> when it is IPv4 or IPv6 (allocates).</summary>
    public IPAddress? ToIPAddress() => Afi switch
    {
        Afi.IPv4 or Afi.IPv6 => new IPAddress(Body),
        _ => null,
    };
}
