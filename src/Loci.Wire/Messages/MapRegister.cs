namespace Loci.Wire;

/// <summary>
/// Map-Register, type 3 (RFC 9301 §5.6). Layout in <see cref="AuthenticatedMessage"/>; header:
/// <code>
/// |Type=3 |P|S|I|        Reserved       |E|T|a|R|M| Record Count  |
/// </code>
/// </summary>
public sealed record MapRegister : AuthenticatedMessage
{
    public const uint ProxyReplyFlag = 0x0800_0000;
    public const uint SecurityCapableFlag = 0x0400_0000;
    public const uint XtrIdPresentFlag = 0x0200_0000;
    public const uint EidNotifyFlag = 0x0000_1000;
    public const uint UseTtlFlag = 0x0000_0800;
    public const uint MergeFlag = 0x0000_0400;
    public const uint WantMapNotifyFlag = 0x0000_0100;

    /// <summary>Bits 7-18 and the unassigned R bit 22 (RFC 9301 §5.6; legacy NAT R at bit 7, lispers.net private bits).</summary>
    public const uint ReservedMask = 0x01FF_E000 | 0x0000_0200;

    public MapRegister(ulong nonce, EquatableArray<EidRecord> records)
        : base(nonce, records)
    {
    }

    public override MessageType Type => MessageType.MapRegister;

    /// <summary>P: the Map-Server answers Map-Requests for these EIDs on the site's behalf.</summary>
    public bool ProxyReply { get; init; }

    /// <summary>S: the ETR is LISP-SEC capable (RFC 9303).</summary>
    public bool SecurityCapable { get; init; }

    /// <summary>E: EID-notify, sent by a first-hop router that discovered a dynamic EID.</summary>
    public bool EidNotify { get; init; }

    /// <summary>T: time the registration out by the Record TTL instead of the default.</summary>
    public bool UseTtl { get; init; }

    /// <summary>a: merge the RLOC-sets registered by different xTRs for one EID.</summary>
    public bool Merge { get; init; }

    /// <summary>M: want-map-notify; the Map-Server confirms with a Map-Notify.</summary>
    public bool WantMapNotify { get; init; }

    public uint ReservedBits { get; init; }

    private protected override uint XtrIdFlag => XtrIdPresentFlag;

    private protected override uint FlagBits =>
        (ProxyReply ? ProxyReplyFlag : 0)
        | (SecurityCapable ? SecurityCapableFlag : 0)
        | (EidNotify ? EidNotifyFlag : 0)
        | (UseTtl ? UseTtlFlag : 0)
        | (Merge ? MergeFlag : 0)
        | (WantMapNotify ? WantMapNotifyFlag : 0)
        | (ReservedBits & ReservedMask);

    internal static bool TryRead(ref SpanReader reader, out MapRegister message)
    {
        message = null!;
        if (!TryReadCommon(ref reader, XtrIdPresentFlag, tolerateExtra: false, out var p))
        {
            return false;
        }

        message = new MapRegister(p.Nonce, p.Records)
        {
            KeyId = p.KeyId,
            Algorithm = p.Algorithm,
            AuthenticationData = p.AuthData,
            XtrId = p.XtrId,
            SiteId = p.SiteId,
            ProxyReply = (p.Header & ProxyReplyFlag) != 0,
            SecurityCapable = (p.Header & SecurityCapableFlag) != 0,
            EidNotify = (p.Header & EidNotifyFlag) != 0,
            UseTtl = (p.Header & UseTtlFlag) != 0,
            Merge = (p.Header & MergeFlag) != 0,
            WantMapNotify = (p.Header & WantMapNotifyFlag) != 0,
            ReservedBits = p.Header & ReservedMask,
        };
        return true;
    }
}
