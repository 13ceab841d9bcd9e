namespace Loci.Prefixes;

/// <summary>
/// Address family of an EID prefix. The values are Loci's own (not IANA AFIs): the wire layer
/// maps AFI 1 to <see cref="IPv4"/>, AFI 2 to <see cref="IPv6"/> and AFI 6 / 16389 (RFC 8060 §4)
/// to <see cref="Mac"/>.
/// </summary>
public enum EidFamily : byte
{
    /// <summary>Not a family; the value of <c>default(EidPrefix)</c>.</summary>
    None = 0,

    /// <summary>IPv4, 32-bit addresses.</summary>
    IPv4 = 1,

    /// <summary>IPv6, 128-bit addresses.</summary>
    IPv6 = 2,

    /// <summary>IEEE 802 MAC, 48-bit addresses (RFC 8060 §4, used by L2 LISP overlays).</summary>
    Mac = 3,
}
