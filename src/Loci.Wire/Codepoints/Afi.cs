namespace Loci.Wire;

/// <summary>
/// Address Family Identifiers met in LISP control messages (IANA "Address Family Numbers").
/// The AFI alone determines how many address bytes follow (PROTOCOL.md §1.5).
/// </summary>
public enum Afi : ushort
{
    /// <summary>No address; e.g. the source EID of an RLOC probe.</summary>
    None = 0,
    IPv4 = 1,
    IPv6 = 2,
    /// <summary>IEEE 802 MAC as lispers.net sends it; RFC 8060 uses <see cref="Mac"/>.</summary>
    Ieee802 = 6,
    /// <summary>Distinguished name: ASCII, terminated by one NUL byte.</summary>
    DistinguishedName = 17,
    /// <summary>LISP Canonical Address Format, RFC 8060.</summary>
    Lcaf = 16387,
    /// <summary>48-bit MAC, RFC 8060 §4.</summary>
    Mac = 16389,
}
