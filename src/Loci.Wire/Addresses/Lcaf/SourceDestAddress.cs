namespace Loci.Wire;

/// <summary>
/// LCAF type 12, Source/Dest Key (RFC 8060 §4.8): a (source prefix, destination prefix) pair used
/// as an EID so that lookups can key on both. Reserved is sent as zero and ignored on receipt.
/// <code>
/// |     Type = 12 |     Rsvd2     |             4 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            Reserved           |   Source-ML   |    Dest-ML    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |         Source-Prefix ...     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = y          |     Destination-Prefix ...    |
/// </code>
/// </summary>
public sealed record SourceDestAddress(byte SourceMaskLength, byte DestMaskLength, LispAddress Source, LispAddress Destination)
    : LcafAddress
{
    public override LcafType LcafType => LcafType.SourceDestKey;

    public override int PayloadLength => 4 + Source.EncodedLength + Destination.EncodedLength;

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.WriteUInt16(0);
        writer.WriteUInt8(SourceMaskLength);
        writer.WriteUInt8(DestMaskLength);
        Source.WriteTo(ref writer);
        Destination.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TrySkip(2, "source/dest reserved")
            || !payload.TryReadUInt8(out var sourceMaskLength, "source/dest source mask-len")
            || !payload.TryReadUInt8(out var destMaskLength, "source/dest dest mask-len")
            || !AddressCodec.TryRead(ref payload, depth, out var source)
            || !AddressCodec.TryRead(ref payload, depth, out var destination))
        {
            return false;
        }

        address = new SourceDestAddress(sourceMaskLength, destMaskLength, source, destination);
        return true;
    }

    public override string Format() =>
        $"sd({Source.Format()}/{SourceMaskLength}, {Destination.Format()}/{DestMaskLength})";
}
