namespace Loci.Wire;

/// <summary>
/// Map-Notify, type 4 (RFC 9301 §5.7). Layout in <see cref="AuthenticatedMessage"/>; RFC 9301
/// reserves the whole header. The NAT-traversal draft, still sent by OOR and seen in tcpdump's
/// captures, uses bit 4 (I: xTR-ID/site-ID follow the records) and bit 5 (R: built for an RTR)
/// (PROTOCOL.md §8.1); Loci reads the I trailer and keeps the rest as reserved bits.
/// <code>
/// |Type=4 |I|R|                 Reserved            | Record Count  |
/// </code>
/// </summary>
public sealed record MapNotify : AuthenticatedMessage
{
    public const uint XtrIdPresentFlag = 0x0800_0000;
    public const uint ReservedMask = 0x07FF_FF00;

    public MapNotify(ulong nonce, EquatableArray<EidRecord> records)
        : base(nonce, records)
    {
    }

    public override MessageType Type => MessageType.MapNotify;

    public uint ReservedBits { get; init; }

    /// <summary>Bytes after the counted records with no flag announcing them (PROTOCOL.md pitfall 25); empty normally.</summary>
    public EquatableArray<byte> Extra { get; init; }

    private protected override uint XtrIdFlag => XtrIdPresentFlag;

    private protected override uint FlagBits => ReservedBits & ReservedMask;

    private protected override ReadOnlySpan<byte> ExtraBytes => Extra.AsSpan();

    internal static bool TryRead(ref SpanReader reader, out MapNotify message)
    {
        message = null!;
        if (!TryReadCommon(ref reader, XtrIdPresentFlag, tolerateExtra: true, out var p))
        {
            return false;
        }

        message = new MapNotify(p.Nonce, p.Records)
        {
            KeyId = p.KeyId,
            Algorithm = p.Algorithm,
            AuthenticationData = p.AuthData,
            XtrId = p.XtrId,
            SiteId = p.SiteId,
            ReservedBits = p.Header & ReservedMask,
            Extra = p.Extra,
        };
        return true;
    }
}
