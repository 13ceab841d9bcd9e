namespace Loci.Wire;

/// <summary>
/// Zero-copy view of a Map-Referral record (RFC 8111 §6.4; layout in <see cref="ReferralRecord"/>).
/// Reading validates the whole record, referral locators and signature sections included, so
/// enumerating its referrals cannot fail.
/// </summary>
public readonly ref struct ReferralRecordView
{
    private readonly ReadOnlySpan<byte> _referrals;
    private readonly int _referralsOffset;

    private ReferralRecordView(uint ttl, byte referralCount, byte maskLength, ushort flags, ushort version, AddressView eid, ReadOnlySpan<byte> referrals, int referralsOffset, ReadOnlySpan<byte> raw)
    {
        Ttl = ttl;
        ReferralCount = referralCount;
        MaskLength = maskLength;
        Flags = flags;
        MapVersion = (ushort)(version & EidRecord.MapVersionMask);
        SignatureCount = (byte)(version >> 12);
        Eid = eid;
        _referrals = referrals;
        _referralsOffset = referralsOffset;
        Raw = raw;
    }

    /// <summary>Minutes the referral may be cached (RFC 8111 §6.4).</summary>
    public uint Ttl { get; }

    public byte ReferralCount { get; }

    public byte MaskLength { get; }

    /// <summary>The ACT/A/I/Reserved word as received.</summary>
    public ushort Flags { get; }

    public ReferralAction Action => (ReferralAction)(Flags >> EidRecord.ActionShift);

    public bool Authoritative => (Flags & EidRecord.AuthoritativeFlag) != 0;

    /// <summary>I bit: the referral set is incomplete (RFC 8111 §6.4).</summary>
    public bool Incomplete => (Flags & ReferralRecord.IncompleteFlag) != 0;

    public ushort MapVersion { get; }

    /// <summary>SigCnt: signature sections after the referral set (RFC 8111 §6.4.1), validated and skipped.</summary>
    public byte SignatureCount { get; }

    public AddressView Eid { get; }

    /// <summary>The record's bytes, signature sections included.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>The referral set: DDT nodes or Map-Servers to ask next, as locator records.</summary>
    public EidRecordView.LocatorEnumerator Referrals => new(_referrals, _referralsOffset, ReferralCount);

    /// <summary>Reads and validates one record exactly as <see cref="ReferralRecord.TryRead"/> does, without allocating.</summary>
    internal static bool TryRead(scoped ref SpanReader reader, out ReferralRecordView view)
    {
        view = default;
        var startPosition = reader.Position;
        var start = reader.Offset;
        if (!reader.TryReadUInt32(out var ttl, "referral TTL")
            || !reader.TryReadUInt8(out var referralCount, "referral count")
            || !reader.TryReadUInt8(out var maskLength, "referral EID mask-len")
            || !reader.TryReadUInt16(out var flags, "referral flags")
            || !reader.TryReadUInt16(out var version, "referral SigCnt/map-version")
            || !AddressView.TryRead(ref reader, out var eid))
        {
            return false;
        }

        if (!PrefixLimit.Fits(eid, maskLength))
        {
            return reader.FailAt(WireErrorCode.BadValue, start + 5, "EID mask-len wider than the address");
        }

        var referralsPosition = reader.Position;
        var referralsOffset = reader.Offset;
        for (var i = 0; i < referralCount; i++)
        {
            if (!LocatorView.TryRead(ref reader, out _))
            {
                return false;
            }
        }

        var referralsEnd = reader.Position;
        for (var i = 0; i < version >> 12; i++)
        {
            if (!ReferralSignature.TrySkip(ref reader))
            {
                return false;
            }
        }

        var buffer = reader.Buffer;
        view = new ReferralRecordView(ttl, referralCount, maskLength, flags, version, eid, buffer[referralsPosition..referralsEnd], referralsOffset, buffer[startPosition..reader.Position]);
        return true;
    }

    /// <summary>Materialises the model (allocates).</summary>
    public ReferralRecord ToRecord()
    {
        var reader = new SpanReader(Raw);
        return ReferralRecord.TryRead(ref reader, out var record) ? record : throw new WireFormatException(reader.Error);
    }
}
