namespace Loci.Wire;

/// <summary>
/// LCAF type 15, Key/Value Address Pair (RFC 8060 §5.5): two addresses, the first a lookup key
/// (often an AFI 17 name), the second its value.
/// <code>
/// |     Type = 15 |     Rsvd2     |               n               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |       Address as Key ...      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = y          |       Address as Value ...    |
/// </code>
/// </summary>
public sealed record KeyValueAddress(LispAddress Key, LispAddress Value) : LcafAddress
{
    public override LcafType LcafType => LcafType.KeyValuePair;

    public override int PayloadLength => Key.EncodedLength + Value.EncodedLength;

    internal override void WritePayload(ref SpanWriter writer)
    {
        Key.WriteTo(ref writer);
        Value.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!AddressCodec.TryRead(ref payload, depth, out var key)
            || !AddressCodec.TryRead(ref payload, depth, out var value))
        {
            return false;
        }

        address = new KeyValueAddress(key, value);
        return true;
    }

    public override string Format() => $"kv({Key.Format()} = {Value.Format()})";
}
