using System.Collections.Immutable;
using System.Text;

namespace Loci.Wire;

/// <summary>
/// LCAF type 11, Security Key (RFC 8060 §4.7; used by LISP-crypto, RFC 8061): key material for a
/// locator. Key Count is the number of (Key Length, Key Material) blocks that follow; Key Algorithm
/// and the R (revoke) bit apply to all of them. Rsvd3 and the rest of Rsvd4 are sent as zero and
/// ignored on receipt. lispers.net splits Key Algorithm into a 1-bit flag and a 7-bit cipher suite
/// (PROTOCOL.md §5.13); the byte is kept whole here.
/// <code>
/// |     Type = 11 |      Rsvd2    |             6 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Key Count   |      Rsvd3    | Key Algorithm |   Rsvd4     |R|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Key Length          |       Key Material ...        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        ... Key Material                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |       Locator Address ...     |
/// </code>
/// </summary>
public sealed record SecurityKeyAddress(byte KeyAlgorithm, bool Revoke, EquatableArray<EquatableArray<byte>> Keys, LispAddress Address)
    : LcafAddress
{
    /// <summary>R bit of the Rsvd4 byte.</summary>
    public const byte RevokeFlag = 0x01;

    public EquatableArray<EquatableArray<byte>> Keys { get; } = Validate(Keys);

    public override LcafType LcafType => LcafType.SecurityKey;

    public override int PayloadLength
    {
        get
        {
            var length = 4 + Address.EncodedLength;
            foreach (var key in Keys)
            {
                length += 2 + key.Count;
            }

            return length;
        }
    }

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.WriteUInt8((byte)Keys.Count);
        writer.WriteUInt8(0);
        writer.WriteUInt8(KeyAlgorithm);
        writer.WriteUInt8(Revoke ? RevokeFlag : (byte)0);
        foreach (var key in Keys)
        {
            writer.WriteUInt16((ushort)key.Count);
            writer.WriteBytes(key.AsSpan());
        }

        Address.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TryReadUInt8(out var count, "security key count")
            || !payload.TrySkip(1, "security key reserved")
            || !payload.TryReadUInt8(out var algorithm, "security key algorithm")
            || !payload.TryReadUInt8(out var rsvd4, "security key flags"))
        {
            return false;
        }

        // Each key needs at least its 2-byte length: reject a hostile count before looping.
        if (count * 2 > payload.Remaining)
        {
            return payload.Fail(WireErrorCode.BadLength, "security key count runs past the LCAF");
        }

        var keys = ImmutableArray.CreateBuilder<EquatableArray<byte>>(count);
        for (var i = 0; i < count; i++)
        {
            if (!payload.TryReadUInt16(out var keyLength, "security key length"))
            {
                return false;
            }

            if (keyLength > payload.Remaining)
            {
                return payload.Fail(WireErrorCode.BadLength, "security key length runs past the LCAF");
            }

            payload.TryReadBytes(keyLength, out var material, "security key material");
            keys.Add(ImmutableArray.Create(material));
        }

        if (!AddressCodec.TryRead(ref payload, depth, out var locator))
        {
            return false;
        }

        address = new SecurityKeyAddress(algorithm, (rsvd4 & RevokeFlag) != 0, keys.MoveToImmutable(), locator);
        return true;
    }

    public override string Format()
    {
        var text = new StringBuilder($"sec-key(alg {KeyAlgorithm}, keys [");
        for (var i = 0; i < Keys.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(Keys[i].Count).Append('B');
        }

        text.Append(']');
        if (Revoke)
        {
            text.Append(", revoked");
        }

        return text.Append(", ").Append(Address.Format()).Append(')').ToString();
    }

    private static EquatableArray<EquatableArray<byte>> Validate(EquatableArray<EquatableArray<byte>> keys)
    {
        if (keys.Count > byte.MaxValue)
        {
            throw new ArgumentException("Key Count is 8 bits: at most 255 keys.", nameof(keys));
        }

        foreach (var key in keys)
        {
            if (key.Count > ushort.MaxValue)
            {
                throw new ArgumentException("Key Length is 16 bits: a key holds at most 65535 bytes.", nameof(keys));
            }
        }

        return keys;
    }
}
