using System.Globalization;
using Loci.Prefixes;
using Loci.Prefixes.Datasets;

namespace Loci.Bench.Load;

/// <summary>Where the EID list comes from: <c>--eid-prefix</c>, <c>--eids FILE</c> or <c>--dataset</c>.</summary>
internal static class EidSource
{
    /// <summary>
    /// The listed prefixes. Throws <see cref="IOException"/> or <see cref="DatasetUnavailableException"/>
    /// when they cannot be read, <see cref="FormatException"/> naming the line when a line is not a prefix.
    /// </summary>
    public static IReadOnlyList<EidPrefix> Load(LoadOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.EidFile is { } path)
        {
            return ReadFile(path);
        }

        if (options.Dataset)
        {
            var dataset = AsnDataset.LoadOrFetch(options.CacheDirectory, message => log.WriteLine($"  {message}"));
            log.WriteLine($"dataset {dataset.Source}: {dataset.Prefixes.Count:N0} prefixes");

            // Shuffled with the seed so --prefixes N samples the whole table, not its lowest addresses.
            var prefixes = options.Fragment ? LpmBench.FragmentedIpv4Pool(dataset) : dataset.Prefixes.Select(p => p.Prefix).ToArray();
            if (options.Fragment)
            {
                log.WriteLine($"  fragmented: {prefixes.Length:N0} IPv4 prefixes after splitting every /16 into /24s");
            }

            new Random(options.Seed).Shuffle(prefixes);
            return prefixes;
        }

        return options.EidPrefixes;
    }

    /// <summary>One prefix or address per line; blank lines and '#' comments are skipped.</summary>
    public static IReadOnlyList<EidPrefix> ReadFile(string path)
    {
        var prefixes = new List<EidPrefix>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!EidPrefix.TryParse(line, out var prefix))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: '{line}' is not a prefix or address"));
            }

            prefixes.Add(prefix);
        }

        return prefixes;
    }
}
