using Loci.Prefixes;
using Loci.Prefixes.Datasets;

namespace Loci.Benchmarks.Prefixes;

/// <summary>
/// The full real table (DESIGN §8: @ip-location-db/asn, fetched with npm into $LOCI_CACHE or
/// ~/.cache/loci on first use) and seeded queries, shared by the map-table suites.
/// </summary>
internal static class LpmFixture
{
    private static AsnDataset? _dataset;

    public static AsnDataset Dataset => _dataset ??= AsnDataset.LoadOrFetch(log: Console.Error.WriteLine);

    public static KeyValuePair<EidPrefix, int>[] Entries() =>
        Dataset.Prefixes.Select(p => KeyValuePair.Create(p.Prefix, (int)p.Asn)).ToArray();

    /// <summary>Half random hosts inside random stored prefixes (hits), half random addresses (IPv6: in 2000::/3).</summary>
    public static EidPrefix[] Queries(EidFamily family, int count, int seed)
    {
        var random = new Random(seed);
        var pool = Dataset.Prefixes.Where(p => p.Prefix.Family == family).Select(p => p.Prefix).ToArray();
        var width = family.BitWidth();
        var queries = new EidPrefix[count];
        for (var i = 0; i < count; i++)
        {
            var noise = new UInt128((ulong)random.NextInt64() << 1, (ulong)random.NextInt64() << 1) ^ (UInt128)(uint)random.Next();
            noise = width == 128 ? noise : noise & ((UInt128.One << width) - 1);
            if (i % 2 == 0)
            {
                var p = pool[random.Next(pool.Length)];
                var hostMask = p.Length == width ? UInt128.Zero : (UInt128.One << (width - p.Length)) - 1;
                queries[i] = EidPrefix.Host(family, p.Address | (noise & hostMask));
            }
            else
            {
                queries[i] = EidPrefix.Host(family, width == 128 ? (noise >> 3) | ((UInt128)1 << 125) : noise);
            }
        }

        return queries;
    }
}
