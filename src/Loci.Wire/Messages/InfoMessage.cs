namespace Loci.Wire;

/// <summary>
/// Info-Request / Info-Reply, type 7 (NAT traversal, draft-ermagan-lisp-nat-traversal; PROTOCOL.md §3.6):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Type=7 |R|               Reserved                              |
/// |                         Nonce . . . (64)                      |
/// |    Key ID     | Algorithm ID  |  Authentication Data Length   |
/// ~                     Authentication Data                       ~
/// |                              TTL                              |
/// |   Reserved    | EID mask-len  |        EID-prefix-AFI         |
/// |                          EID-prefix                           |
/// |             AFI               |   (request: 0 / name; reply: NAT-Traversal LCAF)
/// </code>
/// R = 0 is a request, R = 1 a reply.
/// </summary>
public sealed record InfoMessage : LispMessage
{
    public const uint ReplyFlag = 0x0800_0000;
    public const uint ReservedMask = 0x07FF_FFFF;

    public InfoMessage(bool isReply, ulong nonce, LispAddress eidPrefix, byte maskLength, LispAddress payload)
    {
        ArgumentNullException.ThrowIfNull(eidPrefix);
        ArgumentNullException.ThrowIfNull(payload);
        if (!PrefixCheck.IsValid(eidPrefix, maskLength))
        {
            throw new ArgumentOutOfRangeException(nameof(maskLength), $"Mask length {maskLength} is wider than {eidPrefix}.");
        }

        IsReply = isReply;
        Nonce = nonce;
        EidPrefix = eidPrefix;
        MaskLength = maskLength;
        Payload = payload;
    }

    public override MessageType Type => MessageType.Info;

    public bool IsReply { get; init; }

    public ulong Nonce { get; init; }

    public byte KeyId { get; init; }

    public AuthAlgorithm Algorithm { get; init; }

    /// <summary>lispers.net sends none (length 0) and rejects non-empty data; OOR authenticates (PROTOCOL.md pitfall 16).</summary>
    public EquatableArray<byte> AuthenticationData { get; init; }

    /// <summary>Validity of the reply in minutes.</summary>
    public uint Ttl { get; init; }

    public byte ReservedByte { get; init; }

    public LispAddress EidPrefix { get; init; }

    public byte MaskLength { get; init; }

    /// <summary>AFI 0 (or a name) in a request; the NAT-Traversal LCAF in a reply.</summary>
    public LispAddress Payload { get; init; }

    public uint ReservedBits { get; init; }

    public uint HeaderWord => ((uint)MessageType.Info << 28) | (IsReply ? ReplyFlag : 0) | (ReservedBits & ReservedMask);

    public override int EncodedLength => 16 + AuthenticationData.Count + 6 + EidPrefix.EncodedLength + Payload.EncodedLength;

    internal override void Write(ref SpanWriter writer)
    {
        writer.WriteUInt32(HeaderWord);
        writer.WriteUInt64(Nonce);
        writer.WriteUInt8(KeyId);
        writer.WriteUInt8((byte)Algorithm);
        writer.WriteUInt16((ushort)AuthenticationData.Count);
        writer.WriteBytes(AuthenticationData.AsSpan());
        writer.WriteUInt32(Ttl);
        writer.WriteUInt8(ReservedByte);
        writer.WriteUInt8(MaskLength);
        EidPrefix.WriteTo(ref writer);
        Payload.WriteTo(ref writer);
    }

    internal static bool TryRead(ref SpanReader reader, out InfoMessage message)
    {
        message = null!;
        if (!reader.TryReadUInt32(out var header, "info header")
            || !reader.TryReadUInt64(out var nonce, "info nonce")
            || !AuthBlock.TryRead(ref reader, out var keyId, out var algorithm, out var auth))
        {
            return false;
        }

        if (!reader.TryReadUInt32(out var ttl, "info TTL")
            || !reader.TryReadUInt8(out var reserved, "info reserved"))
        {
            return false;
        }

        var maskOffset = reader.Offset;
        if (!reader.TryReadUInt8(out var maskLength, "info EID mask-len")
            || !LispAddress.TryRead(ref reader, out var eid)
            || !LispAddress.TryRead(ref reader, out var payload))
        {
            return false;
        }

        if (!PrefixCheck.IsValid(eid, maskLength))
        {
            return reader.FailAt(WireErrorCode.BadValue, maskOffset, "EID mask-len wider than the address");
        }

        message = new InfoMessage((header & ReplyFlag) != 0, nonce, eid, maskLength, payload)
        {
            KeyId = keyId,
            Algorithm = algorithm,
            AuthenticationData = auth.ToArray(),
            Ttl = ttl,
            ReservedByte = reserved,
            ReservedBits = header & ReservedMask,
        };
        return true;
    }
}
