namespace Loci.Wire;

/// <summary>
/// Algorithm ID (IANA "LISP Algorithm ID Numbers", RFC 9301 §5.6): the low byte of the 16-bit
/// Key ID field. Old (RFC 6830) senders put 0 in the high byte, so both readings agree for
/// 0x0001 and 0x0002 (PROTOCOL.md §4.1).
/// </summary>
public enum AuthAlgorithm : byte
{
    None = 0,
    HmacSha1_96 = 1,
    HmacSha256_128 = 2,
    /// <summary>HMAC-SHA256-128 with an HKDF-SHA256 per-message key; not supported (no peer to test against).</summary>
    HmacSha256_128HkdfSha256 = 3,
}
