using System.Security.Cryptography;

namespace Loci.Wire;

/// <summary>
/// BCL HMAC: one keyed <see cref="IncrementalHash"/> reused under a lock, fed the message in spans
/// so the authentication field is hashed as zeros without copying the message.
/// </summary>
internal sealed class IncrementalHmac : HmacEngine
{
    private readonly IncrementalHash _hmac;
    private readonly Lock _gate = new();

    public IncrementalHmac(AuthAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        var name = algorithm == AuthAlgorithm.HmacSha1_96 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        DigestLength = algorithm == AuthAlgorithm.HmacSha1_96 ? 20 : 32;
        _hmac = IncrementalHash.CreateHMAC(name, key);
    }

    public override int DigestLength { get; }

    public override void Compute(ReadOnlySpan<byte> message, int fieldOffset, int fieldLength, Span<byte> digest)
    {
        lock (_gate)
        {
            _hmac.AppendData(message[..fieldOffset]);
            for (var left = fieldLength; left > 0; left -= Zeros.Length)
            {
                _hmac.AppendData(Zeros[..Math.Min(left, Zeros.Length)]);
            }

            _hmac.AppendData(message[(fieldOffset + fieldLength)..]);
            _hmac.GetHashAndReset(digest[..DigestLength]);
        }
    }

    public override void Dispose() => _hmac.Dispose();
}
