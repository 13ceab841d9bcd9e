namespace Loci.Wire;

/// <summary>
/// A request record of a Map-Request (RFC 9301 §5.2), with the RFC 9437 N (notify) bit:
/// <code>
/// |N|  Reserved   | EID mask-len  |        EID-Prefix-AFI         |
/// |                       EID-Prefix ...                          |
/// </code>
/// </summary>
public sealed record MapRequestRecord
{
    public const byte NotifyFlag = 0x80;

    public MapRequestRecord(LispAddress eidPrefix, byte maskLength, bool notify = false)
    {
        ArgumentNullException.ThrowIfNull(eidPrefix);
        if (!PrefixCheck.IsValid(eidPrefix, maskLength))
        {
            throw new ArgumentOutOfRangeException(nameof(maskLength), $"Mask length {maskLength} is wider than {eidPrefix}.");
        }

        EidPrefix = eidPrefix;
        MaskLength = maskLength;
        Notify = notify;
    }

    public LispAddress EidPrefix { get; init; }

    public byte MaskLength { get; init; }

    /// <summary>N bit: the requester subscribes to this EID (RFC 9437 §5).</summary>
    public bool Notify { get; init; }

    /// <summary>The 7 reserved bits as received.</summary>
    public byte ReservedBits { get; init; }

    public int EncodedLength => 2 + EidPrefix.EncodedLength;

    public string Prefix => PrefixCheck.Format(EidPrefix, MaskLength);

    public void WriteTo(ref SpanWriter writer)
    {
        writer.WriteUInt8((byte)((Notify ? NotifyFlag : 0) | (ReservedBits & 0x7F)));
        writer.WriteUInt8(MaskLength);
        EidPrefix.WriteTo(ref writer);
    }

    public static bool TryRead(ref SpanReader reader, out MapRequestRecord record)
    {
        record = null!;
        var start = reader.Offset;
        if (!reader.TryReadUInt8(out var flags, "request record flags")
            || !reader.TryReadUInt8(out var maskLength, "request EID mask-len")
            || !LispAddress.TryRead(ref reader, out var eid))
        {
            return false;
        }

        if (!PrefixCheck.IsValid(eid, maskLength))
        {
            return reader.FailAt(WireErrorCode.BadValue, start + 1, "EID mask-len wider than the address");
        }

        record = new MapRequestRecord(eid, maskLength, (flags & NotifyFlag) != 0) { ReservedBits = (byte)(flags & 0x7F) };
        return true;
    }

    public override string ToString() => Prefix;
}
