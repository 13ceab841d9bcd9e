namespace Loci.Wire;

/// <summary>
/// The layout Map-Register, Map-Notify and Map-Notify-Ack share (RFC 9301 §5.6, §5.7):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Type=3/4/5 |  type-specific flags              | Record Count  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Nonce . . .                           |
/// |                         . . . Nonce                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Key ID     | Algorithm ID  |  Authentication Data Length   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                     Authentication Data                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  Record Count x EID-record                    |
/// |          xTR-ID (128) and site-ID (64), when flagged          |
/// </code>
/// The Authentication Data starts at byte 16 (<see cref="AuthDataOffset"/>). Signing and
/// verification are in <see cref="AuthenticationKey"/>.
/// </summary>
public abstract record AuthenticatedMessage : LispMessage
{
    /// <summary>Offset of the Key ID byte.</summary>
    public const int KeyIdOffset = 12;

    /// <summary>Offset of the 16-bit Authentication Data Length.</summary>
    public const int AuthLengthOffset = 14;

    /// <summary>Offset of the Authentication Data.</summary>
    public const int AuthDataOffset = 16;

    public const uint RecordCountMask = 0x0000_00FF;

    private protected AuthenticatedMessage(ulong nonce, EquatableArray<EidRecord> records)
    {
        if (records.Count > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(records), "At most 255 records fit the Record Count field.");
        }

        Nonce = nonce;
        Records = records;
    }

    public ulong Nonce { get; init; }

    /// <summary>Which of the site's keys signed the message (RFC 9301 high byte of the Key ID field).</summary>
    public byte KeyId { get; init; }

    /// <summary>Algorithm ID (low byte of the field; RFC 6830-era peers send key 0, so 0x0001/0x0002 read the same).</summary>
    public AuthAlgorithm Algorithm { get; init; }

    /// <summary>The Authentication Data as carried (the full HMAC output as deployed: 20 or 32 bytes).</summary>
    public EquatableArray<byte> AuthenticationData { get; init; }

    public EquatableArray<EidRecord> Records { get; init; }

    /// <summary>xTR-ID (RFC 9301 §5.6); present together with <see cref="SiteId"/> when the I bit is set.</summary>
    public UInt128? XtrId { get; init; }

    public ulong? SiteId { get; init; }

    /// <summary>The type-specific header bits (flags, reserved bits) without type and record count.</summary>
    private protected abstract uint FlagBits { get; }

    /// <summary>The header bit announcing the xTR-ID/site-ID trailer, or 0 when the message type has none.</summary>
    private protected abstract uint XtrIdFlag { get; }

    /// <summary>Bytes after the counted records that no flag explains; only Map-Notify(-Ack) tolerate them (PROTOCOL.md pitfall 25).</summary>
    private protected virtual ReadOnlySpan<byte> ExtraBytes => default;

    public uint HeaderWord =>
        ((uint)Type << 28) | FlagBits | (XtrId is not null ? XtrIdFlag : 0) | (uint)Records.Count;

    public override int EncodedLength =>
        AuthDataOffset + AuthenticationData.Count + RecordList.EncodedLength(Records) + (XtrId is not null ? 24 : 0) + ExtraBytes.Length;

    internal override void Write(ref SpanWriter writer) =>
        WriteCore(ref writer, KeyId, Algorithm, AuthenticationData.AsSpan(), AuthenticationData.Count);

    /// <summary>
    /// Writes the message with the Key ID, Algorithm ID and an all-zero Authentication Data field of
    /// the key's digest length, then fills in the HMAC (RFC 9301 §5.6; PROTOCOL.md §4.2). Returns the length.
    /// </summary>
    public int WriteSigned(Span<byte> destination, AuthenticationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var writer = new SpanWriter(destination);
        WriteCore(ref writer, key.KeyId, key.Algorithm, default, key.DigestLength);
        var message = writer.Written;
        key.Sign(message);
        return message.Length;
    }

    /// <summary>The signed encoding as a new array (see <see cref="WriteSigned"/>).</summary>
    public byte[] ToSignedArray(AuthenticationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = new byte[EncodedLength - AuthenticationData.Count + key.DigestLength];
        WriteSigned(bytes, key);
        return bytes;
    }

    private void WriteCore(ref SpanWriter writer, byte keyId, AuthAlgorithm algorithm, ReadOnlySpan<byte> authData, int authLength)
    {
        if (SiteId is not null != XtrId is not null)
        {
            throw new InvalidOperationException("xTR-ID and site-ID are sent together.");
        }

        if (XtrId is not null && XtrIdFlag == 0)
        {
            throw new InvalidOperationException($"{Type} has no xTR-ID trailer.");
        }

        writer.WriteUInt32(HeaderWord);
        writer.WriteUInt64(Nonce);
        writer.WriteUInt8(keyId);
        writer.WriteUInt8((byte)algorithm);
        writer.WriteUInt16((ushort)authLength);
        if (authData.IsEmpty)
        {
            writer.WriteZeros(authLength);
        }
        else
        {
            writer.WriteBytes(authData);
        }

        foreach (var record in Records)
        {
            record.WriteTo(ref writer);
        }

        if (XtrId is { } xtrId)
        {
            writer.WriteUInt128(xtrId);
            writer.WriteUInt64(SiteId ?? 0);
        }

        writer.WriteBytes(ExtraBytes);
    }

    /// <summary>The parts common to the three types, for their TryRead methods.</summary>
    private protected readonly record struct Parsed(
        uint Header, ulong Nonce, byte KeyId, AuthAlgorithm Algorithm, EquatableArray<byte> AuthData,
        EquatableArray<EidRecord> Records, UInt128? XtrId, ulong? SiteId, EquatableArray<byte> Extra);

    private protected static bool TryReadCommon(ref SpanReader reader, uint xtrIdFlag, bool tolerateExtra, out Parsed parsed)
    {
        parsed = default;
        if (!reader.TryReadUInt32(out var header, "header")
            || !reader.TryReadUInt64(out var nonce, "nonce")
            || !AuthBlock.TryRead(ref reader, out var keyId, out var algorithm, out var authData))
        {
            return false;
        }

        if (!RecordList.TryReadEidRecords(ref reader, (int)(header & RecordCountMask), out var records))
        {
            return false;
        }

        UInt128? xtrId = null;
        ulong? siteId = null;
        EquatableArray<byte> extra = default;
        if (xtrIdFlag != 0 && (header & xtrIdFlag) != 0)
        {
            // Pitfall 3: the records must end exactly 24 bytes before the end of the datagram.
            if (reader.Remaining != 24)
            {
                return reader.Fail(
                    reader.Remaining < 24 ? WireErrorCode.Truncated : WireErrorCode.BadLength,
                    reader.Remaining == 0 ? "I bit set but no xTR-ID and site-ID follow the records" : "records do not end 24 bytes (xTR-ID and site-ID) before the end");
            }

            reader.TryReadUInt128(out var id, "xTR-ID");
            reader.TryReadUInt64(out var site, "site-ID");
            xtrId = id;
            siteId = site;
        }
        else if (tolerateExtra && !reader.IsAtEnd)
        {
            reader.TryReadBytes(reader.Remaining, out var rest, "extra bytes");
            extra = rest.ToArray();
        }

        parsed = new Parsed(header, nonce, keyId, algorithm, authData.ToArray(), records, xtrId, siteId, extra);
        return true;
    }
}
