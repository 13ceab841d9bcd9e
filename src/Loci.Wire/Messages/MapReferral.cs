namespace Loci.Wire;

/// <summary>
/// Map-Referral, type 6 (RFC 8111 §6.4), the DDT answer to a DDT-originated Map-Request:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Type=6 |                Reserved               | Record Count  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Nonce . . .                           |
/// |                         . . . Nonce                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 Record Count x referral record                |
/// </code>
/// </summary>
public sealed record MapReferral : LispMessage
{
    public const uint ReservedMask = 0x0FFF_FF00;
    public const uint RecordCountMask = 0x0000_00FF;

    public MapReferral(ulong nonce, EquatableArray<ReferralRecord> records)
    {
        if (records.Count > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(records), "At most 255 records fit the Record Count field.");
        }

        Nonce = nonce;
        Records = records;
    }

    public override MessageType Type => MessageType.MapReferral;

    public ulong Nonce { get; init; }

    public EquatableArray<ReferralRecord> Records { get; init; }

    public uint ReservedBits { get; init; }

    public uint HeaderWord => ((uint)MessageType.MapReferral << 28) | (ReservedBits & ReservedMask) | (uint)Records.Count;

    public override int EncodedLength
    {
        get
        {
            var length = 12;
            foreach (var record in Records)
            {
                length += record.EncodedLength;
            }

            return length;
        }
    }

    /// <summary>Writes the 12-byte header (no reserved bits): for senders that write the records themselves without building the model.</summary>
    public static void WriteHeader(ref SpanWriter writer, ulong nonce, int recordCount)
    {
        writer.WriteUInt32(((uint)MessageType.MapReferral << 28) | ((uint)recordCount & RecordCountMask));
        writer.WriteUInt64(nonce);
    }

    internal override void Write(ref SpanWriter writer)
    {
        writer.WriteUInt32(HeaderWord);
        writer.WriteUInt64(Nonce);
        foreach (var record in Records)
        {
            record.WriteTo(ref writer);
        }
    }

    internal static bool TryRead(ref SpanReader reader, out MapReferral message)
    {
        message = null!;
        if (!reader.TryReadUInt32(out var header, "map-referral header")
            || !reader.TryReadUInt64(out var nonce, "map-referral nonce"))
        {
            return false;
        }

        var count = (int)(header & RecordCountMask);
        var records = count == 0 ? [] : new ReferralRecord[count];
        for (var i = 0; i < count; i++)
        {
            if (!ReferralRecord.TryRead(ref reader, out records[i]))
            {
                return false;
            }
        }

        message = new MapReferral(nonce, records) { ReservedBits = header & ReservedMask };
        return true;
    }
}
