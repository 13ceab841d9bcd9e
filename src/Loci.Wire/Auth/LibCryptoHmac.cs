using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Loci.Wire;

/// <summary>
/// HMAC (RFC 2104) on OpenSSL's low-level SHA-1/SHA-256 functions, the same libcrypto the BCL uses
/// on Linux. Why: every BCL hashing call goes through OpenSSL's EVP layer, whose per-call cost
/// (≈ 470 ns for one SHA-256 of a 124-byte message here) is several times the hashing itself.
/// Here the key's inner and outer pad blocks are hashed once, at construction; each message then
/// costs a copy of the saved state and the compression of its own blocks (BENCHMARKS.md). The saved
/// states are never written after construction, so concurrent callers need no lock.
/// </summary>
internal sealed unsafe class LibCryptoHmac : HmacEngine
{
    private const string Library = "libcrypto.so.3";

    /// <summary>Larger than SHA_CTX (96 bytes) and SHA256_CTX (112 bytes) in OpenSSL 3.</summary>
    private const int ContextSize = 128;

    private const int BlockSize = 64;

    private readonly byte[] _innerState = new byte[ContextSize];
    private readonly byte[] _outerState = new byte[ContextSize];
    private readonly bool _sha1;

    private LibCryptoHmac(bool sha1, ReadOnlySpan<byte> key)
    {
        _sha1 = sha1;
        DigestLength = sha1 ? 20 : 32;

        // RFC 2104 §2: keys longer than the block are hashed first, shorter ones zero-padded.
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (key.Length > BlockSize)
        {
            if (sha1)
            {
                SHA1.HashData(key, block);
            }
            else
            {
                SHA256.HashData(key, block);
            }
        }
        else
        {
            key.CopyTo(block);
        }

        Span<byte> pad = stackalloc byte[BlockSize];
        for (var i = 0; i < BlockSize; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x36);
        }

        Absorb(_innerState, pad);
        for (var i = 0; i < BlockSize; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x5c);
        }

        Absorb(_outerState, pad);
    }

    public override int DigestLength { get; }

    public static bool TryCreate(AuthAlgorithm algorithm, ReadOnlySpan<byte> key, out HmacEngine engine)
    {
        engine = null!;
        if (algorithm is not (AuthAlgorithm.HmacSha1_96 or AuthAlgorithm.HmacSha256_128) || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            engine = new LibCryptoHmac(algorithm == AuthAlgorithm.HmacSha1_96, key);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    public override void Compute(ReadOnlySpan<byte> message, int fieldOffset, int fieldLength, Span<byte> digest)
    {
        var context = stackalloc byte[ContextSize];
        var inner = stackalloc byte[32];
        _innerState.AsSpan().CopyTo(new Span<byte>(context, ContextSize));
        Update(context, message[..fieldOffset]);
        for (var left = fieldLength; left > 0; left -= Zeros.Length)
        {
            Update(context, Zeros[..Math.Min(left, Zeros.Length)]);
        }

        Update(context, message[(fieldOffset + fieldLength)..]);
        Final(inner, context);
        _outerState.AsSpan().CopyTo(new Span<byte>(context, ContextSize));
        Update(context, new ReadOnlySpan<byte>(inner, DigestLength));
        fixed (byte* output = digest)
        {
            Final(output, context);
        }
    }

    private void Absorb(byte[] state, ReadOnlySpan<byte> block)
    {
        fixed (byte* context = state)
        {
            if ((_sha1 ? SHA1_Init(context) : SHA256_Init(context)) != 1)
            {
                throw new CryptographicException("libcrypto hash initialisation failed.");
            }

            Update(context, block);
        }
    }

    private void Update(byte* context, ReadOnlySpan<byte> data)
    {
        fixed (byte* bytes = data)
        {
            _ = _sha1 ? SHA1_Update(context, bytes, (nuint)data.Length) : SHA256_Update(context, bytes, (nuint)data.Length);
        }
    }

    private void Final(byte* digest, byte* context) =>
        _ = _sha1 ? SHA1_Final(digest, context) : SHA256_Final(digest, context);

    // Short, non-blocking calls: no GC transition needed.
    [DllImport(Library), SuppressGCTransition]
    private static extern int SHA1_Init(byte* context);

    [DllImport(Library), SuppressGCTransition]
    private static extern int SHA1_Update(byte* context, byte* data, nuint length);

    [DllImport(Library), SuppressGCTransition]
    private static extern int SHA1_Final(byte* digest, byte* context);

    [DllImport(Library), SuppressGCTransition]
    private static extern int SHA256_Init(byte* context);

    [DllImport(Library), SuppressGCTransition]
    private static extern int SHA256_Update(byte* context, byte* data, nuint length);

    [DllImport(Library), SuppressGCTransition]
    private static extern int SHA256_Final(byte* digest, byte* context);
}
