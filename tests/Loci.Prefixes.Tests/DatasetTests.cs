using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Loci.Prefixes.Datasets;

namespace Loci.Prefixes.Tests;

public class DatasetTests
{
    private const string Ipv4Sample = """
        1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."
        1.0.4.0,1.0.7.255,38803,Gtelecom Pty Ltd
        1.0.16.0,1.0.16.255,2519,ARTERIA Networks Corporation
        1.0.64.0,1.0.127.255,18144,Energia Communications
        1.1.1.0,1.1.1.255,13335,"Cloudflare, Inc."
        10.0.0.1,10.0.0.6,64512,Odd range
        """;

    private const string Ipv6Sample = """
        2001::,2001::ffff:ffff:ffff:ffff:ffff:ffff,6939,Hurricane Electric LLC
        2001:200::,2001:200:1b9:ffff:ffff:ffff:ffff:ffff,2500,WIDE Project
        """;

    [Fact]
    public void FromCsv_PackageSample_ConvertsRangesAndGroupsSitesByAs()
    {
        var dataset = AsnDataset.FromCsv(new StringReader(Ipv4Sample), new StringReader(Ipv6Sample));

        Assert.Equal(6, dataset.Ipv4Ranges);
        Assert.Equal(2, dataset.Ipv6Ranges);
        Assert.Equal(["1.0.0.0/24", "1.0.4.0/22", "1.0.16.0/24", "1.0.64.0/18", "1.1.1.0/24", "10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"],
            dataset.Prefixes.Where(p => p.Prefix.Family == EidFamily.IPv4).Select(p => p.Prefix.ToString()));
        Assert.Equal(9, dataset.Ipv4Count);

        // Cross-checked with Python's ipaddress.summarize_address_range.
        Assert.Equal(["2001::/32", "2001:200::/40", "2001:200:100::/41", "2001:200:180::/43", "2001:200:1a0::/44", "2001:200:1b0::/45", "2001:200:1b8::/47"],
            dataset.Prefixes.Where(p => p.Prefix.Family == EidFamily.IPv6).Select(p => p.Prefix.ToString()));
        Assert.Equal(7, dataset.Ipv6Count);

        var sites = dataset.Sites();
        Assert.Equal([2500u, 2519u, 6939u, 13335u, 18144u, 38803u, 64512u], sites.Select(s => s.Asn));
        Assert.Equal(["1.0.0.0/24", "1.1.1.0/24"], sites.Single(s => s.Asn == 13335).Prefixes.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("1.0.0.0,1.0.0.255", "expected first_ip,last_ip,asn")]
    [InlineData("1.0.0.0,1.0.0.255,AS13335,x", "AS number")]
    [InlineData("1.0.1.0,1.0.0.255,1,x", "start is after its end")]
    [InlineData("2001::,2001::1,1,x", "not IPv4")]
    [InlineData("1.0,1.0.0.255,1,x", "not IPv4")]
    public void Read_MalformedLine_ThrowsNamingSourceAndLine(string line, string reason)
    {
        var csv = "1.0.0.0,1.0.0.255,13335,ok\n" + line + "\n";

        var ex = Assert.Throws<FormatException>(() => AsnCsv.Read(new StringReader(csv), EidFamily.IPv4, new List<AsnPrefix>(), "asn-ipv4.csv"));

        Assert.Contains("asn-ipv4.csv line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_EveryRangeOfSmallUniverse_MatchesBruteForceMinimalCover()
    {
        // Ranges inside 10.0.0.0/26 (64 addresses): the prefixes must be disjoint, cover exactly
        // the range, and be as few as possible; the greedy brute force takes, from each start,
        // the largest aligned block that stays inside the range.
        const uint Base = 0x0A000000;
        for (uint first = 0; first < 64; first++)
        {
            for (var last = first; last < 64; last++)
            {
                var prefixes = CidrRange.Split(EidFamily.IPv4, Base + first, Base + last);

                var covered = Enumerable.Range(0, 64)
                    .Where(a => prefixes.Any(p => p.Contains(EidPrefix.Host(EidFamily.IPv4, Base + (uint)a))))
                    .ToList();
                Assert.Equal(Enumerable.Range((int)first, (int)(last - first + 1)), covered);
                Assert.Equal(prefixes.Sum(p => 1L << (32 - p.Length)), last - first + 1);
                Assert.Equal(GreedyCount(first, last), prefixes.Count);
            }
        }
    }

    [Fact]
    public void Split_WholeSpaces_GivesSlashZero()
    {
        Assert.Equal("::/0", CidrRange.Split(EidFamily.IPv6, UInt128.Zero, UInt128.MaxValue).Single().ToString());
        Assert.Equal("0.0.0.0/0", CidrRange.Split(EidFamily.IPv4, 0, uint.MaxValue).Single().ToString());
        Assert.Equal(["::/1", "8000::/2", "c000::/3"], CidrRange.Split(EidFamily.IPv6, UInt128.Zero, (UInt128.One << 127) + (UInt128.One << 126) + (UInt128.One << 125) - 1).Select(p => p.ToString()));
        Assert.Equal(254, CidrRange.Split(EidFamily.IPv6, 1, UInt128.MaxValue - 1).Count);
        Assert.Throws<ArgumentException>(() => CidrRange.Split(EidFamily.IPv4, 0, (UInt128)uint.MaxValue + 1));
        Assert.Throws<ArgumentException>(() => CidrRange.Split(EidFamily.IPv4, 5, 4));
    }

    [Fact]
    public void LoadTarball_NpmPackLayout_ReadsBothCsvFiles()
    {
        var dir = Directory.CreateTempSubdirectory("loci-asn-test");
        try
        {
            var path = Path.Combine(dir.FullName, "ip-location-db-asn-0.0.1.tgz");
            WriteTarball(path, ("package/package.json", "{}"), ("package/asn-ipv4.csv", Ipv4Sample), ("package/asn-ipv6.csv", Ipv6Sample));

            var dataset = AsnDataset.LoadTarball(path);

            Assert.Equal(9, dataset.Ipv4Count);
            Assert.Equal(AsnDataset.FromCsv(new StringReader(Ipv4Sample), new StringReader(Ipv6Sample)).Prefixes, dataset.Prefixes);
            Assert.Equal(path, AsnPackage.Fetch(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadTarball_MissingCsvOrNotGzip_ThrowsDatasetUnavailable()
    {
        var dir = Directory.CreateTempSubdirectory("loci-asn-test");
        try
        {
            var noV6 = Path.Combine(dir.FullName, "a.tgz");
            WriteTarball(noV6, ("package/asn-ipv4.csv", Ipv4Sample));
            var garbage = Path.Combine(dir.FullName, "b.tgz");
            File.WriteAllText(garbage, "not a tarball");

            Assert.Contains("lacks", Assert.Throws<DatasetUnavailableException>(() => AsnDataset.LoadTarball(noV6)).Message, StringComparison.Ordinal);
            Assert.Contains("unreadable", Assert.Throws<DatasetUnavailableException>(() => AsnDataset.LoadTarball(garbage)).Message, StringComparison.Ordinal);
            Assert.Contains("does not exist", Assert.Throws<DatasetUnavailableException>(() => AsnDataset.LoadTarball(Path.Combine(dir.FullName, "none.tgz"))).Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static int GreedyCount(uint first, uint last)
    {
        var count = 0;
        while (first <= last)
        {
            var size = 1u;
            while (first % (size * 2) == 0 && first + (size * 2) - 1 <= last)
            {
                size *= 2;
            }

            first += size;
            count++;
        }

        return count;
    }

    private static void WriteTarball(string path, params (string Name, string Text)[] files)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, text) in files)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
            };
            tar.WriteEntry(entry);
        }
    }
}
