namespace Loci.Wire;

/// <summary>
/// LCAF type 3, AS Number (RFC 8060 §4.2): an address tagged with the autonomous system that
/// originates it.
/// <code>
/// |     Type = 3  |     Rsvd2     |             4 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           AS Number                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |         Address  ...          |
/// </code>
/// </summary>
public sealed record AsNumberAddress(uint AsNumber, LispAddress Address) : LcafAddress
{
    public override LcafType LcafType => LcafType.AsNumber;

    public override int PayloadLength => 4 + Address.EncodedLength;

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.WriteUInt32(AsNumber);
        Address.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TryReadUInt32(out var asNumber, "AS number")
            || !AddressCodec.TryRead(ref payload, depth, out var inner))
        {
            return false;
        }

        address = new AsNumberAddress(asNumber, inner);
        return true;
    }

    public override string Format() => $"as{AsNumber}({Address.Format()})";
}
