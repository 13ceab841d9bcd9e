namespace Loci.Prefixes.Datasets;

/// <summary>Conversion of inclusive address ranges to the minimal list of CIDR prefixes.</summary>
public static class CidrRange
{
    /// <summary>
    /// The fewest aligned prefixes exactly covering [<paramref name="first"/>, <paramref name="last"/>]
    /// (numeric, right-aligned addresses), in address order.
    /// </summary>
    /// <exception cref="ArgumentException">The range is reversed or does not fit the family.</exception>
    public static List<EidPrefix> Split(EidFamily family, UInt128 first, UInt128 last, uint instanceId = 0)
    {
        var result = new List<EidPrefix>();
        Split(family, first, last, result, instanceId);
        return result;
    }

    /// <summary>Appends the prefixes of [<paramref name="first"/>, <paramref name="last"/>] to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">The range is reversed or does not fit the family.</exception>
    public static void Split(EidFamily family, UInt128 first, UInt128 last, ICollection<EidPrefix> output, uint instanceId = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        var width = family.BitWidth();
        var max = width == 128 ? UInt128.MaxValue : (UInt128.One << width) - 1;
        if (first > last)
        {
            throw new ArgumentException($"Range start {first} is after its end {last}.", nameof(first));
        }

        if (last > max)
        {
            throw new ArgumentException($"Range end {last} does not fit in {width} bits.", nameof(last));
        }

        while (true)
        {
            // The block at `first` may be as large as its alignment allows and must not pass `last`.
            var byAlignment = first == UInt128.Zero ? width : (int)UInt128.TrailingZeroCount(first);
            var span = last - first;
            var bySize = span == UInt128.MaxValue ? 128 : (int)UInt128.Log2(span + 1);
            var bits = Math.Min(Math.Min(byAlignment, bySize), width);
            output.Add(new EidPrefix(family, first, width - bits, instanceId));

            var blockLast = first + (bits == 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1);
            if (blockLast == last)
            {
                return;
            }

            first = blockLast + 1;
        }
    }
}
