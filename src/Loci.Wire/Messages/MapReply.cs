namespace Loci.Wire;

/// <summary>
/// Map-Reply, type 2 (RFC 9301 §5.4):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Type=2 |P|E|S|          Reserved               | Record Count  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Nonce . . .                           |
/// |                         . . . Nonce                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  Record Count x EID-record                    |
/// |        LISP-SEC Map-Reply authentication data (when S)        |
/// </code>
/// </summary>
public sealed record MapReply : LispMessage
{
    public const uint ProbeFlag = 0x0800_0000;
    public const uint EchoNonceCapableFlag = 0x0400_0000;
    public const uint SecurityFlag = 0x0200_0000;
    public const uint ReservedMask = 0x01FF_FF00;
    public const uint RecordCountMask = 0x0000_00FF;

    public MapReply(ulong nonce, EquatableArray<EidRecord> records)
    {
        if (records.Count > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(records), "At most 255 records fit the Record Count field.");
        }

        Nonce = nonce;
        Records = records;
    }

    public override MessageType Type => MessageType.MapReply;

    public ulong Nonce { get; init; }

    /// <summary>P: answer to an RLOC-probe.</summary>
    public bool Probe { get; init; }

    /// <summary>E: the ETR supports echo-nonce locator reachability (RFC 9300 §10.1).</summary>
    public bool EchoNonceCapable { get; init; }

    public EquatableArray<EidRecord> Records { get; init; }

    /// <summary>LISP-SEC authentication data after the records (RFC 9303 §6.4); the S bit is set when present. Kept opaque.</summary>
    public EquatableArray<byte>? SecurityData { get; init; }

    public uint ReservedBits { get; init; }

    public uint HeaderWord =>
        ((uint)MessageType.MapReply << 28)
        | (Probe ? ProbeFlag : 0)
        | (EchoNonceCapable ? EchoNonceCapableFlag : 0)
        | (SecurityData is not null ? SecurityFlag : 0)
        | (ReservedBits & ReservedMask)
        | (uint)Records.Count;

    public override int EncodedLength
    {
        get
        {
            var length = 12;
            foreach (var record in Records)
            {
                length += record.EncodedLength;
            }

            return length + (SecurityData?.Count ?? 0);
        }
    }

    /// <summary>
    /// The 12-byte header of a plain Map-Reply (no P, E or S flag): type, Record Count, Nonce. For
    /// writers that build a reply without the model; <paramref name="recordCount"/> records follow.
    /// </summary>
    public static void WriteHeader(ref SpanWriter writer, ulong nonce, int recordCount)
    {
        writer.WriteUInt32(((uint)MessageType.MapReply << 28) | ((uint)recordCount & RecordCountMask));
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

        if (SecurityData is { } security)
        {
            writer.WriteBytes(security.AsSpan());
        }
    }

    internal static bool TryRead(ref SpanReader reader, out MapReply message)
    {
        message = null!;
        if (!reader.TryReadUInt32(out var header, "map-reply header")
            || !reader.TryReadUInt64(out var nonce, "map-reply nonce"))
        {
            return false;
        }

        if (!RecordList.TryReadEidRecords(ref reader, (int)(header & RecordCountMask), out var records))
        {
            return false;
        }

        EquatableArray<byte>? security = null;
        if ((header & SecurityFlag) != 0)
        {
            reader.TryReadBytes(reader.Remaining, out var rest, "LISP-SEC data");
            security = rest.ToArray();
        }

        message = new MapReply(nonce, records)
        {
            Probe = (header & ProbeFlag) != 0,
            EchoNonceCapable = (header & EchoNonceCapableFlag) != 0,
            SecurityData = security,
            ReservedBits = header & ReservedMask,
        };
        return true;
    }
}
