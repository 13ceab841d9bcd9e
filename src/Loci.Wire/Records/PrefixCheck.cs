namespace Loci.Wire;

/// <summary>Checks shared by every record that carries an EID mask-len next to an address.</summary>
internal static class PrefixCheck
{
    /// <summary>
    /// A mask-len wider than the address is invalid. Addresses without a width (names, most LCAFs,
    /// AFI 0) carry whatever the sender chose: lispers.net writes 0 for names (PROTOCOL.md pitfall 22).
    /// </summary>
    public static bool IsValid(LispAddress address, int maskLength) =>
        address.AddressBits == 0 || maskLength <= address.AddressBits;

    public static string Format(LispAddress address, int maskLength) =>
        address.AddressBits == 0 && maskLength == 0 ? address.Format() : $"{address.Format()}/{maskLength}";
}
