namespace Loci.Wire;

/// <summary>
/// A signature section of a Map-Referral record (RFC 8111 §6.4.1, layout as OOR encodes it,
/// PROTOCOL.md §3.5). No deployed implementation signs referrals; Loci parses the section so it can
/// be skipped safely and written back unchanged.
/// <code>
/// |                    Original Record TTL                        |
/// |                    Signature Expiration                       |
/// |                    Signature Inception                        |
/// |            Key Tag            |           Sig Length          |
/// | Sig-Algorithm |    Reserved   |            Reserved           |
/// ~                            Signature                          ~
/// </code>
/// </summary>
public sealed record ReferralSignature(
    uint OriginalTtl,
    uint Expiration,
    uint Inception,
    ushort KeyTag,
    byte Algorithm,
    EquatableArray<byte> Signature)
{
    public const int FixedLength = 20;

    public int EncodedLength => FixedLength + Signature.Count;

    public void WriteTo(ref SpanWriter writer)
    {
        writer.WriteUInt32(OriginalTtl);
        writer.WriteUInt32(Expiration);
        writer.WriteUInt32(Inception);
        writer.WriteUInt16(KeyTag);
        writer.WriteUInt16((ushort)Signature.Count);
        writer.WriteUInt8(Algorithm);
        writer.WriteZeros(3);
        writer.WriteBytes(Signature.AsSpan());
    }

    public static bool TryRead(ref SpanReader reader, out ReferralSignature signature)
    {
        signature = null!;
        if (!reader.TryReadUInt32(out var originalTtl, "signature original TTL")
            || !reader.TryReadUInt32(out var expiration, "signature expiration")
            || !reader.TryReadUInt32(out var inception, "signature inception")
            || !reader.TryReadUInt16(out var keyTag, "signature key tag")
            || !reader.TryReadUInt16(out var length, "signature length")
            || !reader.TryReadUInt8(out var algorithm, "signature algorithm")
            || !reader.TrySkip(3, "signature reserved")
            || !reader.TryReadBytes(length, out var bytes, "signature"))
        {
            return false;
        }

        signature = new ReferralSignature(originalTtl, expiration, inception, keyTag, algorithm, bytes.ToArray());
        return true;
    }
}
