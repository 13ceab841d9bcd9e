namespace Loci.Wire;

/// <summary>
/// Base of the LISP Canonical Address Format family (AFI 16387, RFC 8060 §3):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           AFI = 16387         |     Rsvd1     |     Flags     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Type       |     Rsvd2     |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Length counts the payload bytes after the Length field. Each subclass supplies the type, the
/// type-specific Rsvd2 byte and the payload; reading is in <see cref="LcafCodec"/>.
/// </summary>
public abstract record LcafAddress : LispAddress
{
    /// <summary>Bytes of the LCAF header after the AFI: Rsvd1, Flags, Type, Rsvd2, Length.</summary>
    public const int HeaderLength = 6;

    private protected LcafAddress()
    {
    }

    public sealed override Afi Afi => Afi.Lcaf;

    public abstract LcafType LcafType { get; }

    /// <summary>The Rsvd2 byte, which some types use (IID mask-len, multicast R/L/J flags, JSON B flag).</summary>
    internal virtual byte Rsvd2 => 0;

    /// <summary>Rsvd1 and Flags; zero for every defined type (RFC 8060 §3), kept as received for unknown types.</summary>
    internal virtual ushort Rsvd1AndFlags => 0;

    /// <summary>Payload bytes, the value of the Length field.</summary>
    public abstract int PayloadLength { get; }

    public sealed override int BodyLength => HeaderLength + PayloadLength;

    internal sealed override void WriteBody(ref SpanWriter writer)
    {
        var length = PayloadLength;
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"LCAF type {LcafType} payload of {length} bytes exceeds the 16-bit Length field.");
        }

        writer.WriteUInt16(Rsvd1AndFlags);
        writer.WriteUInt8((byte)LcafType);
        writer.WriteUInt8(Rsvd2);
        writer.WriteUInt16((ushort)length);
        var start = writer.Position;
        WritePayload(ref writer);
        if (writer.Position - start != length)
        {
            throw new InvalidOperationException($"LCAF type {LcafType} wrote {writer.Position - start} bytes, announced {length}.");
        }
    }

    internal abstract void WritePayload(ref SpanWriter writer);
}
