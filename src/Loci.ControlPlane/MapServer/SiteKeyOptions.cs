using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// One pre-shared key of a site (RFC 9301 §5.6: the 8-bit Key ID selects the key, the 8-bit
/// Algorithm ID the HMAC). A site lists several keys to roll over without a flag day: the old and
/// the new key ID are both accepted while the site's xTRs move over (PROTOCOL.md §4.1).
/// </summary>
public sealed class SiteKeyOptions
{
    /// <summary>Key ID as carried in the high byte of the Key ID field; RFC 6830-era senders use 0.</summary>
    public byte KeyId { get; init; }

    /// <summary>HMAC-SHA-1-96 (1) or HMAC-SHA-256-128 (2); Algorithm ID 3 (HKDF) is not supported.</summary>
    public AuthAlgorithm Algorithm { get; init; } = AuthAlgorithm.HmacSha256_128;

    /// <summary>The shared secret as configured; its UTF-8 bytes key the HMAC (PROTOCOL.md §4.2).</summary>
    public string Password { get; init; } = "";
}
