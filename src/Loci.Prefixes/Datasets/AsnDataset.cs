using System.Formats.Tar;
using System.IO.Compression;

namespace Loci.Prefixes.Datasets;

/// <summary>
/// The RouteViews-derived routing table of <c>@ip-location-db/asn</c> as CIDR prefixes with
/// their origin AS: about 565k IPv4 and 168k IPv6 prefixes from ~412k + ~103k ranges. Used as a
/// realistic EID-prefix table for benchmarks, the simulator and scale demos; each AS is a site.
/// </summary>
public sealed class AsnDataset
{
    private const string Ipv4Entry = "package/asn-ipv4.csv";
    private const string Ipv6Entry = "package/asn-ipv6.csv";

    private AsnDataset(List<AsnPrefix> prefixes, int ipv4Ranges, int ipv6Ranges, string source)
    {
        Prefixes = prefixes;
        Ipv4Ranges = ipv4Ranges;
        Ipv6Ranges = ipv6Ranges;
        Source = source;
        Ipv4Count = prefixes.Count(p => p.Prefix.Family == EidFamily.IPv4);
    }

    /// <summary>Every prefix, IPv4 first, in file order.</summary>
    public IReadOnlyList<AsnPrefix> Prefixes { get; }

    /// <summary>IPv4 prefixes.</summary>
    public int Ipv4Count { get; }

    /// <summary>IPv6 prefixes.</summary>
    public int Ipv6Count => Prefixes.Count - Ipv4Count;

    /// <summary>IPv4 ranges read.</summary>
    public int Ipv4Ranges { get; }

    /// <summary>IPv6 ranges read.</summary>
    public int Ipv6Ranges { get; }

    /// <summary>Where the data came from (tarball path or "inline").</summary>
    public string Source { get; }

    /// <summary>Fetches (or reuses from the cache) the npm package and loads it.</summary>
    /// <exception cref="DatasetUnavailableException">npm or the registry is unavailable, or the tarball is unreadable.</exception>
    public static AsnDataset LoadOrFetch(string? cacheDirectory = null, Action<string>? log = null) =>
        LoadTarball(AsnPackage.Fetch(cacheDirectory, log: log), log);

    /// <summary>Loads the npm tarball (<c>.tgz</c>) of <c>@ip-location-db/asn</c>.</summary>
    /// <exception cref="DatasetUnavailableException">The file is missing, not a gzip tarball, or lacks the CSVs.</exception>
    public static AsnDataset LoadTarball(string tarballPath, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(tarballPath);
        if (!File.Exists(tarballPath))
        {
            throw new DatasetUnavailableException($"Dataset tarball {tarballPath} does not exist.");
        }

        var prefixes = new List<AsnPrefix>(800_000);
        int? v4 = null, v6 = null;
        try
        {
            using var file = File.OpenRead(tarballPath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            var v6Prefixes = new List<AsnPrefix>(200_000);
            while (tar.GetNextEntry() is { } entry)
            {
                var isV4 = entry.Name == Ipv4Entry;
                if ((!isV4 && entry.Name != Ipv6Entry) || entry.DataStream is null)
                {
                    continue;
                }

                var family = isV4 ? EidFamily.IPv4 : EidFamily.IPv6;
                using var reader = new StreamReader(entry.DataStream);
                var name = Path.GetFileName(entry.Name);
                var ranges = AsnCsv.Read(reader, family, isV4 ? prefixes : v6Prefixes, name, n => log?.Invoke($"{name}: {n:N0} ranges"));
                log?.Invoke($"{name}: {ranges:N0} ranges read");
                if (isV4)
                {
                    v4 = ranges;
                }
                else
                {
                    v6 = ranges;
                }
            }

            prefixes.AddRange(v6Prefixes);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DatasetUnavailableException($"Dataset tarball {tarballPath} is unreadable: {ex.Message} Delete it to fetch it again.", ex);
        }

        if (v4 is null || v6 is null)
        {
            throw new DatasetUnavailableException($"Dataset tarball {tarballPath} lacks {Ipv4Entry} or {Ipv6Entry}; is it @ip-location-db/asn?");
        }

        return new AsnDataset(prefixes, v4.Value, v6.Value, tarballPath);
    }

    /// <summary>Builds a dataset from CSV text in the package's format (tests, small samples).</summary>
    public static AsnDataset FromCsv(TextReader ipv4Csv, TextReader ipv6Csv)
    {
        var prefixes = new List<AsnPrefix>();
        var v4 = AsnCsv.Read(ipv4Csv, EidFamily.IPv4, prefixes, "ipv4 csv");
        var v6 = AsnCsv.Read(ipv6Csv, EidFamily.IPv6, prefixes, "ipv6 csv");
        return new AsnDataset(prefixes, v4, v6, "inline");
    }

    /// <summary>
    /// Sites: the prefixes grouped by origin AS, ordered by AS number. A prefix announced by
    /// several ranges of one AS appears once.
    /// </summary>
    public IReadOnlyList<AsnSite> Sites() =>
        Prefixes.GroupBy(p => p.Asn)
            .OrderBy(g => g.Key)
            .Select(g => new AsnSite(g.Key, g.Select(p => p.Prefix).Distinct().Order().ToList()))
            .ToList();
}
