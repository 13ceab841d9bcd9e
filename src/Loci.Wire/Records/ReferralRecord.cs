namespace Loci.Wire;

/// <summary>
/// A Map-Referral record (RFC 8111 §6.4): the EID-record layout with Referral Count in place of
/// Locator Count, the I (incomplete) bit, and SigCnt signature sections after the referral locators.
/// <code>
/// |                          Record TTL                           |
/// |Referral Count | EID mask-len  | ACT |A|I|     Reserved        |
/// |SigCnt |   Map Version Number  |            EID-AFI            |
/// |                          EID-Prefix ...                       |
/// |          Referral Count x locator record (referral set)       |
/// |          SigCnt x signature section                           |
/// </code>
/// </summary>
public sealed record ReferralRecord
{
    public const ushort IncompleteFlag = 0x0800;
    public const ushort ReservedMask = 0x07FF;

    public ReferralRecord(
        LispAddress eidPrefix,
        byte maskLength,
        uint ttl,
        ReferralAction action,
        EquatableArray<LocatorRecord> referrals,
        bool authoritative = true,
        bool incomplete = false,
        ushort mapVersion = 0,
        EquatableArray<ReferralSignature> signatures = default)
    {
        ArgumentNullException.ThrowIfNull(eidPrefix);
        if (!PrefixCheck.IsValid(eidPrefix, maskLength))
        {
            throw new ArgumentOutOfRangeException(nameof(maskLength), $"Mask length {maskLength} is wider than {eidPrefix}.");
        }

        if (referrals.Count > byte.MaxValue || signatures.Count > 15 || (byte)action > 7 || mapVersion > EidRecord.MapVersionMask)
        {
            throw new ArgumentOutOfRangeException(nameof(referrals), "Referral Count has 8 bits, SigCnt 4, ACT 3, Map-Version 12.");
        }

        EidPrefix = eidPrefix;
        MaskLength = maskLength;
        Ttl = ttl;
        Action = action;
        Referrals = referrals;
        Authoritative = authoritative;
        Incomplete = incomplete;
        MapVersion = mapVersion;
        Signatures = signatures;
    }

    public LispAddress EidPrefix { get; init; }

    public byte MaskLength { get; init; }

    /// <summary>Minutes the referral may be cached (RFC 8111 §6.4).</summary>
    public uint Ttl { get; init; }

    public ReferralAction Action { get; init; }

    /// <summary>The referral set: DDT nodes or Map-Servers to ask next.</summary>
    public EquatableArray<LocatorRecord> Referrals { get; init; }

    public bool Authoritative { get; init; }

    /// <summary>I bit: the referral set is incomplete, do not cache it as complete (RFC 8111 §6.4).</summary>
    public bool Incomplete { get; init; }

    public ushort MapVersion { get; init; }

    public EquatableArray<ReferralSignature> Signatures { get; init; }

    public ushort ReservedBits { get; init; }

    public string Prefix => PrefixCheck.Format(EidPrefix, MaskLength);

    public int EncodedLength
    {
        get
        {
            var length = 10 + EidPrefix.EncodedLength; // TTL, count, mask-len, flags, version; the AFI is in EncodedLength
            foreach (var locator in Referrals)
            {
                length += locator.EncodedLength;
            }

            foreach (var signature in Signatures)
            {
                length += signature.EncodedLength;
            }

            return length;
        }
    }

    public void WriteTo(ref SpanWriter writer)
    {
        WriteHeader(ref writer, Ttl, Referrals.Count, MaskLength, Action, Authoritative, Incomplete, Signatures.Count, MapVersion, ReservedBits);
        EidPrefix.WriteTo(ref writer);
        foreach (var locator in Referrals)
        {
            locator.WriteTo(ref writer);
        }

        foreach (var signature in Signatures)
        {
            signature.WriteTo(ref writer);
        }
    }

    /// <summary>
    /// Writes the 8 bytes before the EID-AFI (TTL, Referral Count, mask-len, ACT/A/I, SigCnt and
    /// Map-Version): for senders that write the EID, referrals and signatures themselves without
    /// building the model. Counts beyond their fields are the caller's error, as in the constructor.
    /// </summary>
    public static void WriteHeader(ref SpanWriter writer, uint ttl, int referralCount, byte maskLength, ReferralAction action, bool authoritative, bool incomplete, int signatureCount = 0, ushort mapVersion = 0, ushort reservedBits = 0)
    {
        writer.WriteUInt32(ttl);
        writer.WriteUInt8((byte)referralCount);
        writer.WriteUInt8(maskLength);
        writer.WriteUInt16((ushort)(((int)action << EidRecord.ActionShift) | (authoritative ? EidRecord.AuthoritativeFlag : 0)
            | (incomplete ? IncompleteFlag : 0) | (reservedBits & ReservedMask)));
        writer.WriteUInt16((ushort)((signatureCount << 12) | (mapVersion & EidRecord.MapVersionMask)));
    }

    public static bool TryRead(ref SpanReader reader, out ReferralRecord record)
    {
        record = null!;
        var start = reader.Offset;
        if (!reader.TryReadUInt32(out var ttl, "referral TTL")
            || !reader.TryReadUInt8(out var referralCount, "referral count")
            || !reader.TryReadUInt8(out var maskLength, "referral EID mask-len")
            || !reader.TryReadUInt16(out var flags, "referral flags")
            || !reader.TryReadUInt16(out var version, "referral SigCnt/map-version")
            || !LispAddress.TryRead(ref reader, out var eid))
        {
            return false;
        }

        if (!PrefixCheck.IsValid(eid, maskLength))
        {
            return reader.FailAt(WireErrorCode.BadValue, start + 5, "EID mask-len wider than the address");
        }

        var referrals = referralCount == 0 ? [] : new LocatorRecord[referralCount];
        for (var i = 0; i < referralCount; i++)
        {
            if (!LocatorRecord.TryRead(ref reader, out referrals[i]))
            {
                return false;
            }
        }

        var sigCount = version >> 12;
        var signatures = sigCount == 0 ? [] : new ReferralSignature[sigCount];
        for (var i = 0; i < sigCount; i++)
        {
            if (!ReferralSignature.TryRead(ref reader, out signatures[i]))
            {
                return false;
            }
        }

        record = new ReferralRecord(
            eid,
            maskLength,
            ttl,
            (ReferralAction)(flags >> EidRecord.ActionShift),
            referrals,
            (flags & EidRecord.AuthoritativeFlag) != 0,
            (flags & IncompleteFlag) != 0,
            (ushort)(version & EidRecord.MapVersionMask),
            signatures)
        {
            ReservedBits = (ushort)(flags & ReservedMask),
        };
        return true;
    }

    public override string ToString() => $"{Prefix} {Action} ttl {Ttl}, {Referrals.Count} referral(s){(Incomplete ? " incomplete" : "")}";
}
