namespace Loci.Wire;

/// <summary>Mask-len checks on views, mirroring <see cref="PrefixCheck"/> for models.</summary>
internal static class PrefixLimit
{
    public static bool Fits(in AddressView address, int maskLength) => address.Afi switch
    {
        Afi.IPv4 => maskLength <= 32,
        Afi.IPv6 => maskLength <= 128,
        Afi.Mac or Afi.Ieee802 => maskLength <= 48,
        Afi.Lcaf when address.TryGetInstanceId(out _, out var inner) => Fits(inner, maskLength),
        _ => true,
    };
}
