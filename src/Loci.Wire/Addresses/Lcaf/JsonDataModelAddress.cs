using System.Text;

namespace Loci.Wire;

/// <summary>
/// LCAF type 14, JSON Data Model (RFC 8060 §5.4): a JSON document (not NUL-terminated) and an
/// optional address (AFI 0 when none). B (binary JSON) is the low bit of Rsvd2. lispers.net also
/// uses Rsvd2 for an encryption flag and a key ID (PROTOCOL.md §5.16); those bits are kept in
/// <see cref="OtherRsvd2Bits"/> so such a record is written back unchanged. The JSON bytes are
/// kept as received, so binary or non-UTF-8 content round-trips too.
/// <code>
/// |     Type = 14 |    Rsvd2    |B|             2 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           JSON length         | JSON binary/text encoding ... |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |       Optional Address ...    |
/// </code>
/// </summary>
public sealed record JsonDataModelAddress : LcafAddress
{
    /// <summary>B bit of Rsvd2: the JSON field is binary-encoded.</summary>
    public const byte BinaryFlag = 0x01;

    private readonly byte _otherRsvd2Bits;

    /// <summary>A text JSON document, encoded as UTF-8.</summary>
    public JsonDataModelAddress(string json, LispAddress address, bool binary = false)
        : this(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))), address, binary)
    {
    }

    /// <summary>JSON bytes as they go on the wire (text or, with <paramref name="binary"/>, binary JSON).</summary>
    public JsonDataModelAddress(ReadOnlySpan<byte> jsonBytes, LispAddress address, bool binary = false)
    {
        if (jsonBytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException("JSON Length is 16 bits: at most 65535 bytes.", nameof(jsonBytes));
        }

        JsonBytes = jsonBytes.ToArray();
        Address = address;
        Binary = binary;
    }

    public EquatableArray<byte> JsonBytes { get; }

    /// <summary>The JSON text (UTF-8 decoding of <see cref="JsonBytes"/>).</summary>
    public string Json => Encoding.UTF8.GetString(JsonBytes.AsSpan());

    public LispAddress Address { get; }

    public bool Binary { get; }

    /// <summary>Rsvd2 bits other than B, kept for round trip (lispers.net encryption flag and key ID).</summary>
    public byte OtherRsvd2Bits
    {
        get => _otherRsvd2Bits;
        init => _otherRsvd2Bits = (byte)(value & ~BinaryFlag);
    }

    public override LcafType LcafType => LcafType.JsonDataModel;

    internal override byte Rsvd2 => (byte)(_otherRsvd2Bits | (Binary ? BinaryFlag : 0));

    public override int PayloadLength => 2 + JsonBytes.Count + Address.EncodedLength;

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.WriteUInt16((ushort)JsonBytes.Count);
        writer.WriteBytes(JsonBytes.AsSpan());
        Address.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, byte rsvd2, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TryReadUInt16(out var jsonLength, "JSON length"))
        {
            return false;
        }

        if (jsonLength > payload.Remaining)
        {
            return payload.Fail(WireErrorCode.BadLength, "JSON length runs past the LCAF");
        }

        payload.TryReadBytes(jsonLength, out var json, "JSON text");
        if (!AddressCodec.TryRead(ref payload, depth, out var inner))
        {
            return false;
        }

        address = new JsonDataModelAddress(json, inner, (rsvd2 & BinaryFlag) != 0) { OtherRsvd2Bits = rsvd2 };
        return true;
    }

    public override string Format() => Binary
        ? $"json-binary({Convert.ToHexStringLower(JsonBytes.AsSpan())}, {Address.Format()})"
        : $"json({Json}, {Address.Format()})";
}
