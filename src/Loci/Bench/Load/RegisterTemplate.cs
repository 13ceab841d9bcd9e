using System.Buffers.Binary;
using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Bench.Load;

/// <summary>
/// One preencoded, signed Map-Register for one EID family: one EID-record (the prefix patched per
/// message) with one locator. Per message the nonce, the EID, the mask length and the M bit are
/// patched and the HMAC recomputed in place (RFC 9301 §5.6), with the key's precomputed pad states.
/// </summary>
internal sealed class RegisterTemplate
{
    /// <summary>Record layout after the authentication data: TTL (4), locator count, mask length, flags (2), map-version (2), EID AFI (2), EID.</summary>
    private const int MaskInRecord = 5;

    private const int EidInRecord = 12;

    private readonly byte[] _bytes;
    private readonly AuthenticationKey _key;
    private readonly int _maskOffset;
    private readonly int _eidOffset;

    private RegisterTemplate(byte[] bytes, AuthenticationKey key)
    {
        _bytes = bytes;
        _key = key;
        var record = AuthenticatedMessage.AuthDataOffset + key.DigestLength;
        _maskOffset = record + MaskInRecord;
        _eidOffset = record + EidInRecord;
    }

    public int Length => _bytes.Length;

    /// <summary>
    /// A register with the P bit when <paramref name="proxyReply"/> and the T bit with a Record TTL of
    /// <paramref name="ttlMinutes"/>, so the registration outlives a long run whatever the
    /// Map-Server's default lifetime (RFC 9301 §5.6).
    /// </summary>
    public static RegisterTemplate Create(EidFamily family, IPAddress rloc, AuthenticationKey key, bool proxyReply, uint ttlMinutes)
    {
        var placeholder = new InetAddress(family == EidFamily.IPv4 ? IPAddress.Any : IPAddress.IPv6Any);
        var record = new EidRecord(placeholder, 0, ttlMinutes, new[] { new LocatorRecord(new InetAddress(rloc), 1, 100) }, authoritative: true);
        var register = new MapRegister(0, new[] { record }) { ProxyReply = proxyReply, UseTtl = true };
        return new RegisterTemplate(register.ToSignedArray(key), key);
    }

    public int Write(Span<byte> destination, ulong nonce, in EidPrefix prefix, bool wantMapNotify)
    {
        var message = destination[.._bytes.Length];
        _bytes.CopyTo(message);
        if (wantMapNotify)
        {
            var header = BinaryPrimitives.ReadUInt32BigEndian(message);
            BinaryPrimitives.WriteUInt32BigEndian(message, header | MapRegister.WantMapNotifyFlag);
        }

        BinaryPrimitives.WriteUInt64BigEndian(message[4..], nonce);
        message[_maskOffset] = (byte)prefix.Length;
        prefix.WriteAddressBytes(message[_eidOffset..]);
        _key.Sign(message);
        return message.Length;
    }
}
