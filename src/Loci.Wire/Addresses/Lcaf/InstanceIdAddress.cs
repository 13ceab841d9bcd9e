namespace Loci.Wire;

/// <summary>
/// LCAF type 2, Instance ID (RFC 8060 §4.1): a 32-bit instance ID scoping the inner address
/// (VPNs, segmentation). Rsvd2 carries the IID mask-len, meaningful only with inner AFI 0.
/// <code>
/// |     Type = 2  | IID mask-len  |             4 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Instance ID                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |         Address  ...          |
/// </code>
/// </summary>
public sealed record InstanceIdAddress(uint InstanceId, LispAddress Address, byte IidMaskLength = 0) : LcafAddress
{
    public override LcafType LcafType => LcafType.InstanceId;

    internal override byte Rsvd2 => IidMaskLength;

    public override int PayloadLength => 4 + Address.EncodedLength;

    /// <summary>The EID mask-len of the enclosing record applies to the inner address (PROTOCOL.md §5.4).</summary>
    public override int AddressBits => Address.AddressBits;

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.WriteUInt32(InstanceId);
        Address.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, byte rsvd2, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TryReadUInt32(out var iid, "instance ID")
            || !AddressCodec.TryRead(ref payload, depth, out var inner))
        {
            return false;
        }

        address = new InstanceIdAddress(iid, inner, rsvd2);
        return true;
    }

    public override string Format() => $"[{InstanceId}]{Address.Format()}";
}
