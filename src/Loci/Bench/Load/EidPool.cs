using Loci.Prefixes;

namespace Loci.Bench.Load;

/// <summary>
/// The EIDs of a run: the prefix list (registered by registers, and by <c>--register-first</c> its
/// first N) and the host addresses Map-Requests ask for. Query k is a random host inside prefix
/// k mod P, so every prefix is asked for equally often and the share of queries that fall in
/// registered prefixes is known in advance.
/// </summary>
internal sealed class EidPool
{
    /// <summary>Below this many prefixes, each gets several random hosts so requests do not repeat too soon.</summary>
    private const int MinQueries = 65_536;

    private EidPool(EidPrefix[] prefixes, EidPrefix[] queries)
    {
        Prefixes = prefixes;
        Queries = queries;
    }

    public EidPrefix[] Prefixes { get; }

    /// <summary>Host prefixes, a multiple of <see cref="Prefixes"/> long, query k inside prefix k mod P.</summary>
    public EidPrefix[] Queries { get; }

    /// <summary>
    /// Builds the pool from <paramref name="listed"/>: split into blocks of <paramref name="splitLength"/>
    /// when given (round-robin over the listed prefixes, so the first N blocks spread over all of them),
    /// then cut to <paramref name="limit"/>. Throws <see cref="ArgumentException"/> on a prefix the
    /// generator cannot send or a split that does not fit.
    /// </summary>
    public static EidPool Build(IReadOnlyList<EidPrefix> listed, int? splitLength, int? limit, int seed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        foreach (var prefix in listed)
        {
            if (prefix.Family is not (EidFamily.IPv4 or EidFamily.IPv6) || prefix.InstanceId != 0)
            {
                throw new ArgumentException($"{prefix}: only IPv4 and IPv6 EIDs of instance 0 are supported");
            }
        }

        if (listed.Count == 0)
        {
            throw new ArgumentException("the EID list is empty");
        }

        var prefixes = splitLength is { } length
            ? Split(listed, length, limit ?? LoadOptions.DefaultSplitPrefixes)
            : [.. listed.Take(limit ?? int.MaxValue)];
        var random = new Random(seed);
        var perPrefix = Math.Max(1, (MinQueries + prefixes.Length - 1) / prefixes.Length);
        var queries = new EidPrefix[prefixes.Length * perPrefix];
        for (var k = 0; k < queries.Length; k++)
        {
            queries[k] = RandomHost(prefixes[k % prefixes.Length], random);
        }

        return new EidPool(prefixes, queries);
    }

    private static EidPrefix[] Split(IReadOnlyList<EidPrefix> listed, int length, int limit)
    {
        var blocks = new UInt128[listed.Count];
        for (var i = 0; i < listed.Count; i++)
        {
            var prefix = listed[i];
            if (length < prefix.Length || length > prefix.MaxLength)
            {
                throw new ArgumentException($"--prefix-length {length} does not split {prefix} (needs {prefix.Length} to {prefix.MaxLength})");
            }

            var bits = length - prefix.Length;
            blocks[i] = bits >= 127 ? UInt128.MaxValue : UInt128.One << bits;
        }

        var result = new List<EidPrefix>();
        for (UInt128 k = 0; result.Count < limit; k++)
        {
            var added = false;
            for (var i = 0; i < listed.Count && result.Count < limit; i++)
            {
                if (k < blocks[i])
                {
                    var prefix = listed[i];
                    result.Add(new EidPrefix(prefix.Family, prefix.Address + (k << (prefix.MaxLength - length)), length));
                    added = true;
                }
            }

            if (!added)
            {
                break;
            }
        }

        return [.. result];
    }

    private static EidPrefix RandomHost(in EidPrefix prefix, Random random)
    {
        var width = prefix.MaxLength;
        if (prefix.Length == width)
        {
            return prefix;
        }

        var hostBits = width - prefix.Length;
        var noise = new UInt128((ulong)random.NextInt64() ^ ((ulong)random.Next() << 40), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40));
        var mask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return EidPrefix.Host(prefix.Family, prefix.Address | (noise & mask));
    }
}
