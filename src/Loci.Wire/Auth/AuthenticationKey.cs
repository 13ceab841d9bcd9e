using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Loci.Wire;

/// <summary>
/// A site's pre-shared key with its Key ID and algorithm, able to sign and verify Map-Register,
/// Map-Notify, Map-Notify-Ack and Info messages (RFC 9301 §5.6; PROTOCOL.md §4).
/// The HMAC covers the whole datagram with the Authentication Data field taken as zeros; the
/// field is fed to the hash as zeros instead of being copied and cleared, so nothing is copied or
/// allocated per message. Keyed state is prepared once per key (<see cref="HmacEngine"/>); the
/// key is safe to use from several threads.
/// </summary>
public sealed class AuthenticationKey : IDisposable
{
    private readonly HmacEngine _hmac;

    public AuthenticationKey(byte keyId, AuthAlgorithm algorithm, ReadOnlySpan<byte> secret)
        : this(keyId, algorithm, secret, allowNative: true)
    {
    }

    /// <summary>With <paramref name="allowNative"/> false, uses the BCL HMAC only (tests compare both engines).</summary>
    internal AuthenticationKey(byte keyId, AuthAlgorithm algorithm, ReadOnlySpan<byte> secret, bool allowNative)
    {
        if (algorithm is not (AuthAlgorithm.HmacSha1_96 or AuthAlgorithm.HmacSha256_128))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), $"Algorithm {algorithm} is not supported for signing (RFC 9301 §5.6 defines 1 and 2).");
        }

        KeyId = keyId;
        Algorithm = algorithm;
        _hmac = HmacEngine.Create(algorithm, secret, allowNative);
    }

    /// <summary>Which HMAC implementation this key uses ("libcrypto" or "bcl"), for diagnostics.</summary>
    public string Engine => _hmac is LibCryptoHmac ? "libcrypto" : "bcl";

    /// <summary>A key from a configured password: the password's UTF-8 bytes, no terminator (PROTOCOL.md §4.2).</summary>
    public static AuthenticationKey FromPassword(string password, AuthAlgorithm algorithm = AuthAlgorithm.HmacSha256_128, byte keyId = 0)
    {
        ArgumentNullException.ThrowIfNull(password);
        return new AuthenticationKey(keyId, algorithm, Encoding.UTF8.GetBytes(password));
    }

    public byte KeyId { get; }

    public AuthAlgorithm Algorithm { get; }

    /// <summary>The full HMAC output carried on the wire by every deployed implementation: 20 (SHA-1) or 32 (SHA-256) bytes.</summary>
    public int DigestLength => Algorithm == AuthAlgorithm.HmacSha1_96 ? 20 : 32;

    /// <summary>The truncated length the algorithm's name suggests: 12 (SHA-1-96) or 16 (SHA-256-128).</summary>
    public int TruncatedLength => Algorithm == AuthAlgorithm.HmacSha1_96 ? 12 : 16;

    /// <summary>
    /// Computes the HMAC of <paramref name="message"/> with bytes [<paramref name="fieldOffset"/>,
    /// +<paramref name="fieldLength"/>) taken as zeros, into <paramref name="digest"/> (DigestLength bytes).
    /// </summary>
    public void Compute(ReadOnlySpan<byte> message, int fieldOffset, int fieldLength, Span<byte> digest)
    {
        if ((uint)fieldOffset > (uint)message.Length || (uint)fieldLength > (uint)(message.Length - fieldOffset))
        {
            throw new ArgumentOutOfRangeException(nameof(fieldLength), "The authentication field lies outside the message.");
        }

        if (digest.Length < DigestLength)
        {
            throw new ArgumentException($"The digest needs {DigestLength} bytes.", nameof(digest));
        }

        _hmac.Compute(message, fieldOffset, fieldLength, digest);
    }

    /// <summary>
    /// Signs a message of the <see cref="AuthenticatedMessage"/> layout in place: writes the HMAC into
    /// its Authentication Data field, whose length field must already equal <see cref="DigestLength"/>.
    /// </summary>
    public void Sign(Span<byte> message)
    {
        var length = ReadAuthLength(message);
        if (length != DigestLength)
        {
            throw new ArgumentException($"Authentication Data Length is {length}, the key produces {DigestLength} bytes.", nameof(message));
        }

        Span<byte> digest = stackalloc byte[32];
        Compute(message, AuthenticatedMessage.AuthDataOffset, length, digest);
        digest[..length].CopyTo(message[AuthenticatedMessage.AuthDataOffset..]);
    }

    /// <summary>
    /// Verifies a received Map-Register / Map-Notify / Map-Notify-Ack (or any message with the auth
    /// block at byte 12). Accepts the full digest length; the truncated length (12 / 16) only when
    /// <paramref name="acceptTruncated"/> is set (PROTOCOL.md §4.3). Constant-time comparison over
    /// exactly the carried length (PROTOCOL.md §4.5). Never throws on malformed input.
    /// </summary>
    public AuthResult Verify(ReadOnlySpan<byte> message, bool acceptTruncated = false)
    {
        if (message.Length < AuthenticatedMessage.AuthDataOffset)
        {
            return AuthResult.Malformed;
        }

        var keyId = message[AuthenticatedMessage.KeyIdOffset];
        var algorithm = (AuthAlgorithm)message[AuthenticatedMessage.KeyIdOffset + 1];
        var length = ReadAuthLength(message);
        if (algorithm == AuthAlgorithm.None)
        {
            return AuthResult.NotAuthenticated;
        }

        if (algorithm != Algorithm)
        {
            return AuthResult.AlgorithmMismatch;
        }

        if (keyId != KeyId)
        {
            return AuthResult.UnknownKeyId;
        }

        if (length > message.Length - AuthenticatedMessage.AuthDataOffset)
        {
            return AuthResult.Malformed;
        }

        if (length != DigestLength && !(acceptTruncated && length == TruncatedLength))
        {
            return AuthResult.BadLength;
        }

        Span<byte> digest = stackalloc byte[32];
        Compute(message, AuthenticatedMessage.AuthDataOffset, length, digest);
        var carried = message.Slice(AuthenticatedMessage.AuthDataOffset, length);
        return CryptographicOperations.FixedTimeEquals(carried, digest[..length]) ? AuthResult.Valid : AuthResult.Mismatch;
    }

    private static int ReadAuthLength(ReadOnlySpan<byte> message) =>
        BinaryPrimitives.ReadUInt16BigEndian(message[AuthenticatedMessage.AuthLengthOffset..]);

    public void Dispose() => _hmac.Dispose();
}
