namespace Loci.Prefixes;

/// <summary>Address widths of the families a table supports.</summary>
public static class EidFamilyExtensions
{
    /// <summary>Number of address bits of <paramref name="family"/>: 32, 128 or 48.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The family is <see cref="EidFamily.None"/> or unknown.</exception>
    public static int BitWidth(this EidFamily family) => family switch
    {
        EidFamily.IPv4 => 32,
        EidFamily.IPv6 => 128,
        EidFamily.Mac => 48,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown EID address family."),
    };
}
