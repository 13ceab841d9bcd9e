namespace Loci.Wire;

/// <summary>
/// An LCAF whose type this implementation does not decode (0, 6, 255, unassigned, private): kept as
/// opaque bytes and written back unchanged, header bytes included (RFC 8060 §3: skip by Length).
/// </summary>
public sealed record UnknownLcafAddress : LcafAddress
{
    public UnknownLcafAddress(byte type, ReadOnlySpan<byte> payload, byte rsvd2 = 0, ushort rsvd1AndFlags = 0)
    {
        RawType = type;
        Payload = payload.ToArray();
        RawRsvd2 = rsvd2;
        RawRsvd1AndFlags = rsvd1AndFlags;
    }

    public byte RawType { get; }

    public EquatableArray<byte> Payload { get; }

    public byte RawRsvd2 { get; }

    public ushort RawRsvd1AndFlags { get; }

    public override LcafType LcafType => (LcafType)RawType;

    internal override byte Rsvd2 => RawRsvd2;

    internal override ushort Rsvd1AndFlags => RawRsvd1AndFlags;

    public override int PayloadLength => Payload.Count;

    internal override void WritePayload(ref SpanWriter writer) => writer.WriteBytes(Payload.AsSpan());

    internal static bool TryReadPayload(ref SpanReader payload, byte type, ushort rsvd1AndFlags, byte rsvd2, out LispAddress address)
    {
        payload.TryReadBytes(payload.Remaining, out var bytes, "LCAF payload");
        address = new UnknownLcafAddress(type, bytes, rsvd2, rsvd1AndFlags);
        return true;
    }

    public override string Format() => $"lcaf-{RawType}({Convert.ToHexStringLower(Payload.AsSpan())})";
}
