namespace Loci.Wire;

/// <summary>
/// Map-Notify-Ack, type 5 (RFC 9301 §5.7): acknowledges an unsolicited Map-Notify, same layout
/// (<see cref="AuthenticatedMessage"/>), nonce copied from the Map-Notify. lispers.net writes Record
/// Count 0 and still appends the records, so bytes after the counted records are kept as
/// <see cref="Extra"/> rather than rejected (PROTOCOL.md pitfall 25). The seed's older
/// Change-Priority use of type 5 (PROTOCOL.md §8.4) is not decoded here.
/// </summary>
public sealed record MapNotifyAck : AuthenticatedMessage
{
    public const uint ReservedMask = 0x0FFF_FF00;

    public MapNotifyAck(ulong nonce, EquatableArray<EidRecord> records)
        : base(nonce, records)
    {
    }

    public override MessageType Type => MessageType.MapNotifyAck;

    public uint ReservedBits { get; init; }

    public EquatableArray<byte> Extra { get; init; }

    private protected override uint XtrIdFlag => 0;

    private protected override uint FlagBits => ReservedBits & ReservedMask;

    private protected override ReadOnlySpan<byte> ExtraBytes => Extra.AsSpan();

    internal static bool TryRead(ref SpanReader reader, out MapNotifyAck message)
    {
        message = null!;
        if (!TryReadCommon(ref reader, 0, tolerateExtra: true, out var p))
        {
            return false;
        }

        message = new MapNotifyAck(p.Nonce, p.Records)
        {
            KeyId = p.KeyId,
            Algorithm = p.Algorithm,
            AuthenticationData = p.AuthData,
            ReservedBits = p.Header & ReservedMask,
            Extra = p.Extra,
        };
        return true;
    }
}
