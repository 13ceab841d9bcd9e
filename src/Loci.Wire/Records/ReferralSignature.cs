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
        if (!TryReadSection(ref reader, out var originalTtl, out var expiration, out var inception, out var keyTag, out var algorithm, out var bytes))
        {
            return false;
        }

        signature = new ReferralSignature(originalTtl, expiration, inception, keyTag, algorithm, bytes.ToArray());
        return true;
    }

    /// <summary>Validates one section as <see cref="TryRead"/> does and steps over it without allocating (views).</summary>
    internal static bool TrySkip(scoped ref SpanReader reader) =>
        TryReadSection(ref reader, out _, out _, out _, out _, out _, out _);

    /// <summary>The one place the section's layout and Sig Length are checked; the signature is a slice of the datagram.</summary>
    private static bool TryReadSection(
        scoped ref SpanReader reader,
        out uint originalTtl,
        out uint expiration,
        out uint inception,
        out ushort keyTag,
        out byte algorithm,
        out ReadOnlySpan<byte> signature)
    {
        // Defaults for the fields the && chain does not reach when it stops early.
        signature = default;
        expiration = inception = 0;
        keyTag = 0;
        algorithm = 0;
        return reader.TryReadUInt32(out originalTtl, "signature original TTL")
            && reader.TryReadUInt32(out expiration, "signature expiration")
            && reader.TryReadUInt32(out inception, "signature inception")
            && reader.TryReadUInt16(out keyTag, "signature key tag")
            && reader.TryReadUInt16(out var length, "signature length")
            && reader.TryReadUInt8(out algorithm, "signature algorithm")
            && reader.TrySkip(3, "signature reserved")
            && reader.TryReadBytes(length, out signature, "signature");
    }
}
