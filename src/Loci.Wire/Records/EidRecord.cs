namespace Loci.Wire;

/// <summary>
/// An EID-record (mapping record) of Map-Reply, Map-Register, Map-Notify(-Ack) and the Map-Reply
/// record of a Map-Request (RFC 9301 §5.4):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                          Record TTL                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Locator Count | EID mask-len  | ACT |A|      Reserved         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Rsvd  |  Map-Version Number   |       EID-Prefix-AFI          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                          EID-Prefix                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   Locator Count x locator record              |
/// </code>
/// TTL is in minutes; Locator Count 0 makes a negative mapping whose ACT says what to do.
/// </summary>
public sealed record EidRecord
{
    public const ushort ActionMask = 0xE000;
    public const int ActionShift = 13;
    public const ushort AuthoritativeFlag = 0x1000;
    public const ushort ReservedMask = 0x0FFF;
    public const ushort MapVersionMask = 0x0FFF;

    public EidRecord(
        LispAddress eidPrefix,
        byte maskLength,
        uint ttl,
        EquatableArray<LocatorRecord> locators,
        MapReplyAction action = MapReplyAction.NoAction,
        bool authoritative = false,
        ushort mapVersion = 0)
    {
        ArgumentNullException.ThrowIfNull(eidPrefix);
        if (!PrefixCheck.IsValid(eidPrefix, maskLength))
        {
            throw new ArgumentOutOfRangeException(nameof(maskLength), $"Mask length {maskLength} is wider than {eidPrefix}.");
        }

        if (locators.Count > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(locators), "At most 255 locators fit the Locator Count field.");
        }

        if ((byte)action > 7 || mapVersion > MapVersionMask)
        {
            throw new ArgumentOutOfRangeException(nameof(action), "ACT has 3 bits and Map-Version 12 bits.");
        }

        EidPrefix = eidPrefix;
        MaskLength = maskLength;
        Ttl = ttl;
        Locators = locators;
        Action = action;
        Authoritative = authoritative;
        MapVersion = mapVersion;
    }

    public LispAddress EidPrefix { get; init; }

    public byte MaskLength { get; init; }

    /// <summary>Record TTL in minutes (RFC 9301 §5.4).</summary>
    public uint Ttl { get; init; }

    public EquatableArray<LocatorRecord> Locators { get; init; }

    /// <summary>ACT; 6 and 7 are unassigned and kept as received (PROTOCOL.md §8.2).</summary>
    public MapReplyAction Action { get; init; }

    public bool Authoritative { get; init; }

    /// <summary>12-bit map-version (RFC 9302), 0 = none.</summary>
    public ushort MapVersion { get; init; }

    /// <summary>Reserved bits of the second word (low 12) as received.</summary>
    public ushort ReservedBits { get; init; }

    /// <summary>The 4 reserved bits before the map-version, as received.</summary>
    public byte ReservedHigh { get; init; }

    public bool IsNegative => Locators.Count == 0;

    public int EncodedLength
    {
        get
        {
            var length = 10 + EidPrefix.EncodedLength; // TTL, count, mask-len, flags, version; the AFI is in EncodedLength
            foreach (var locator in Locators)
            {
                length += locator.EncodedLength;
            }

            return length;
        }
    }

    /// <summary>The prefix as text: "10.1.0.0/16", "[1000]2001:db8::/32".</summary>
    public string Prefix => PrefixCheck.Format(EidPrefix, MaskLength);

    public void WriteTo(ref SpanWriter writer)
    {
        WriteHeader(ref writer, Ttl, Locators.Count, MaskLength, Action, Authoritative, MapVersion, ReservedBits, ReservedHigh);
        EidPrefix.WriteTo(ref writer);
        foreach (var locator in Locators)
        {
            locator.WriteTo(ref writer);
        }
    }

    /// <summary>
    /// The 10 bytes before the EID-Prefix AFI (RFC 9301 §5.4): Record TTL, Locator Count, EID mask-len,
    /// ACT/A/Reserved, Rsvd/Map-Version. For writers that build a record without the model (the
    /// allocation-free reply path); the caller writes the EID and then exactly
    /// <paramref name="locatorCount"/> locators.
    /// </summary>
    public static void WriteHeader(ref SpanWriter writer, uint ttl, int locatorCount, byte maskLength, MapReplyAction action, bool authoritative, ushort mapVersion = 0, ushort reservedBits = 0, byte reservedHigh = 0)
    {
        writer.WriteUInt32(ttl);
        writer.WriteUInt8((byte)locatorCount);
        writer.WriteUInt8(maskLength);
        writer.WriteUInt16((ushort)(((int)action << ActionShift) | (authoritative ? AuthoritativeFlag : 0) | (reservedBits & ReservedMask)));
        writer.WriteUInt16((ushort)(((reservedHigh & 0xF) << 12) | (mapVersion & MapVersionMask)));
    }

    public static bool TryRead(ref SpanReader reader, out EidRecord record)
    {
        record = null!;
        var start = reader.Offset;
        if (!reader.TryReadUInt32(out var ttl, "record TTL")
            || !reader.TryReadUInt8(out var locatorCount, "locator count")
            || !reader.TryReadUInt8(out var maskLength, "EID mask-len")
            || !reader.TryReadUInt16(out var flags, "record flags")
            || !reader.TryReadUInt16(out var version, "map-version")
            || !LispAddress.TryRead(ref reader, out var eid))
        {
            return false;
        }

        if (!PrefixCheck.IsValid(eid, maskLength))
        {
            return reader.FailAt(WireErrorCode.BadValue, start + 5, "EID mask-len wider than the address");
        }

        var locators = locatorCount == 0 ? [] : new LocatorRecord[locatorCount];
        for (var i = 0; i < locatorCount; i++)
        {
            if (!LocatorRecord.TryRead(ref reader, out locators[i]))
            {
                return false;
            }
        }

        record = new EidRecord(eid, maskLength, ttl, locators, (MapReplyAction)(flags >> ActionShift), (flags & AuthoritativeFlag) != 0, (ushort)(version & MapVersionMask))
        {
            ReservedBits = (ushort)(flags & ReservedMask),
            ReservedHigh = (byte)(version >> 12),
        };
        return true;
    }

    public override string ToString() =>
        $"{Prefix} ttl {Ttl} {(IsNegative ? Action.ToString() : $"{Locators.Count} locator(s)")}{(Authoritative ? " auth" : "")}";
}
