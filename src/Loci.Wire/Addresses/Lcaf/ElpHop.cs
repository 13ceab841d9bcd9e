namespace Loci.Wire;

/// <summary>
/// One re-encapsulation hop of an Explicit Locator Path (RFC 8060 §4.6): the hop address and the
/// L (look up the hop address in the mapping system), P (RLOC-probe this hop) and S (strict: the
/// path must go through this hop) bits of the 16-bit word that precedes the hop's AFI.
/// </summary>
public sealed record ElpHop(LispAddress Address, bool Lookup = false, bool RlocProbe = false, bool Strict = false)
{
    /// <summary>L bit of the hop flag word.</summary>
    public const ushort LookupFlag = 0x0004;

    /// <summary>P bit of the hop flag word.</summary>
    public const ushort RlocProbeFlag = 0x0002;

    /// <summary>S bit of the hop flag word.</summary>
    public const ushort StrictFlag = 0x0001;

    /// <summary>The 16-bit word written before the hop's AFI; Rsvd3 (the other 13 bits) is zero.</summary>
    public ushort FlagWord => (ushort)((Lookup ? LookupFlag : 0) | (RlocProbe ? RlocProbeFlag : 0) | (Strict ? StrictFlag : 0));

    /// <summary>Bytes on the wire: flag word, AFI and address.</summary>
    public int EncodedLength => 2 + Address.EncodedLength;

    public override string ToString() => Format();

    /// <summary>The hop address, followed by the set flags in brackets, e.g. "10.0.0.1[LS]".</summary>
    public string Format()
    {
        var flags = (Lookup ? "L" : string.Empty) + (RlocProbe ? "P" : string.Empty) + (Strict ? "S" : string.Empty);
        return flags.Length == 0 ? Address.Format() : $"{Address.Format()}[{flags}]";
    }
}
