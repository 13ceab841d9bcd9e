namespace Loci.Wire;

/// <summary>
/// LCAF type 9, Multicast Info (RFC 8060 §4.5; used for (S,G) EIDs by RFC 8378): a source/group
/// pair scoped by an instance ID. R (RP), L (leave) and J (join) live in the Rsvd2 byte; the other
/// Rsvd2 bits and the Reserved field are sent as zero and ignored on receipt.
/// <code>
/// |     Type = 9  |  Rsvd2  |R|L|J|             8 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Instance-ID                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            Reserved           | Source MaskLen| Group MaskLen |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |   Source/Subnet Address  ...  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |       Group Address  ...      |
/// </code>
/// </summary>
public sealed record MulticastInfoAddress(
    uint InstanceId,
    byte SourceMaskLength,
    byte GroupMaskLength,
    LispAddress Source,
    LispAddress Group,
    bool Rp = false,
    bool Leave = false,
    bool Join = false) : LcafAddress
{
    /// <summary>R: the (S,G) state is for an RP (Rsvd2 bit).</summary>
    public const byte RpFlag = 0x04;

    /// <summary>L: leave request (Rsvd2 bit).</summary>
    public const byte LeaveFlag = 0x02;

    /// <summary>J: join request (Rsvd2 bit).</summary>
    public const byte JoinFlag = 0x01;

    public override LcafType LcafType => LcafType.MulticastInfo;

    internal override byte Rsvd2 => (byte)((Rp ? RpFlag : 0) | (Leave ? LeaveFlag : 0) | (Join ? JoinFlag : 0));

    public override int PayloadLength => 8 + Source.EncodedLength + Group.EncodedLength;

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.WriteUInt32(InstanceId);
        writer.WriteUInt16(0);
        writer.WriteUInt8(SourceMaskLength);
        writer.WriteUInt8(GroupMaskLength);
        Source.WriteTo(ref writer);
        Group.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, byte rsvd2, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TryReadUInt32(out var iid, "multicast info instance ID")
            || !payload.TrySkip(2, "multicast info reserved")
            || !payload.TryReadUInt8(out var sourceMaskLength, "multicast info source mask-len")
            || !payload.TryReadUInt8(out var groupMaskLength, "multicast info group mask-len")
            || !AddressCodec.TryRead(ref payload, depth, out var source)
            || !AddressCodec.TryRead(ref payload, depth, out var group))
        {
            return false;
        }

        address = new MulticastInfoAddress(
            iid,
            sourceMaskLength,
            groupMaskLength,
            source,
            group,
            (rsvd2 & RpFlag) != 0,
            (rsvd2 & LeaveFlag) != 0,
            (rsvd2 & JoinFlag) != 0);
        return true;
    }

    public override string Format()
    {
        var flags = (Rp ? "R" : string.Empty) + (Leave ? "L" : string.Empty) + (Join ? "J" : string.Empty);
        var text = $"mcast([{InstanceId}]({Source.Format()}/{SourceMaskLength}, {Group.Format()}/{GroupMaskLength})";
        return flags.Length == 0 ? text + ")" : $"{text} {flags})";
    }
}
