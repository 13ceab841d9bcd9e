namespace Loci.Wire;

/// <summary>
/// Computes HMAC over a message whose authentication field is taken as zeros (PROTOCOL.md §4.2).
/// Two implementations: <see cref="LibCryptoHmac"/> (fast path) and <see cref="IncrementalHmac"/>
/// (BCL fallback). Both are thread-safe.
/// </summary>
internal abstract class HmacEngine : IDisposable
{
    public abstract int DigestLength { get; }

    /// <summary>HMAC of <paramref name="message"/> with [fieldOffset, fieldOffset + fieldLength) read as zeros.</summary>
    public abstract void Compute(ReadOnlySpan<byte> message, int fieldOffset, int fieldLength, Span<byte> digest);

    public virtual void Dispose()
    {
    }

    /// <summary>The fast engine where libcrypto is available, else the BCL one.</summary>
    public static HmacEngine Create(AuthAlgorithm algorithm, ReadOnlySpan<byte> key, bool allowNative = true) =>
        allowNative && LibCryptoHmac.TryCreate(algorithm, key, out var engine) ? engine : new IncrementalHmac(algorithm, key);

    /// <summary>A block of zeros fed to the hash in place of the authentication field.</summary>
    protected static ReadOnlySpan<byte> Zeros => ZeroBlock;

    private static readonly byte[] ZeroBlock = new byte[64];
}
