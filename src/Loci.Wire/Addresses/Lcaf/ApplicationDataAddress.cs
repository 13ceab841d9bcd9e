namespace Loci.Wire;

/// <summary>
/// LCAF type 4, Application Data (RFC 8060 §5.1): an address qualified by the flow it applies to
/// (IP TOS / IPv6 traffic class / flow label, protocol and port ranges), e.g. for per-application
/// RLOC selection.
/// <code>
/// |     Type = 4  |     Rsvd2     |            12 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |       IP TOS, IPv6 TC, or Flow Label          |    Protocol   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Local Port (lower-range)   |    Local Port (upper-range)   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Remote Port (lower-range)   |   Remote Port (upper-range)   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |         Address  ...          |
/// </code>
/// Field order as PROTOCOL.md §5.6 (confirmed by one implementation only).
/// </summary>
public sealed record ApplicationDataAddress(
    uint TosTcFlowLabel,
    byte Protocol,
    ushort LocalPortLow,
    ushort LocalPortHigh,
    ushort RemotePortLow,
    ushort RemotePortHigh,
    LispAddress Address) : LcafAddress
{
    /// <summary>The TOS / TC / flow-label field is 24 bits wide.</summary>
    public const uint MaxTosTcFlowLabel = 0xFF_FFFF;

    public uint TosTcFlowLabel { get; } = TosTcFlowLabel <= MaxTosTcFlowLabel
        ? TosTcFlowLabel
        : throw new ArgumentOutOfRangeException(nameof(TosTcFlowLabel), TosTcFlowLabel, "The TOS/TC/flow-label field is 24 bits.");

    public override LcafType LcafType => LcafType.ApplicationData;

    public override int PayloadLength => 12 + Address.EncodedLength;

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.WriteUInt32((TosTcFlowLabel << 8) | Protocol);
        writer.WriteUInt16(LocalPortLow);
        writer.WriteUInt16(LocalPortHigh);
        writer.WriteUInt16(RemotePortLow);
        writer.WriteUInt16(RemotePortHigh);
        Address.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TryReadUInt32(out var tosAndProtocol, "application data TOS/protocol")
            || !payload.TryReadUInt16(out var localLow, "application data local port")
            || !payload.TryReadUInt16(out var localHigh, "application data local port")
            || !payload.TryReadUInt16(out var remoteLow, "application data remote port")
            || !payload.TryReadUInt16(out var remoteHigh, "application data remote port")
            || !AddressCodec.TryRead(ref payload, depth, out var inner))
        {
            return false;
        }

        address = new ApplicationDataAddress(
            tosAndProtocol >> 8, (byte)tosAndProtocol, localLow, localHigh, remoteLow, remoteHigh, inner);
        return true;
    }

    public override string Format() =>
        $"app(tos 0x{TosTcFlowLabel:x6}, proto {Protocol}, local {LocalPortLow}-{LocalPortHigh}, remote {RemotePortLow}-{RemotePortHigh}, {Address.Format()})";
}
