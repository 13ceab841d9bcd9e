using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Loci.Bench.SeedEval;

namespace Loci.Tests.Bench.SeedEval;

/// <summary>
/// A temporary directory with a small synthetic <c>@ip-location-db/asn</c> tarball in its cache
/// (so no npm, no network): 48 /16s that fragment into 12,288 /24s, plus a few shorter and
/// longer prefixes; and a way to run <c>loci bench seed-eval</c> against it.
/// </summary>
internal sealed class SeedEvalWorkspace : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("loci-seed-eval-test-");

    public SeedEvalWorkspace()
    {
        Directory.CreateDirectory(Cache);
        var ipv4 = new StringBuilder();
        for (var i = 0; i < 48; i++)
        {
            ipv4.Append(CultureInfo.InvariantCulture, $"20.{i}.0.0,20.{i}.255.255,{64500 + (i % 7)},Test /16\n");
        }

        for (var i = 0; i < 64; i++)
        {
            ipv4.Append(CultureInfo.InvariantCulture, $"30.0.{4 * i}.0,30.0.{(4 * i) + 3}.255,{64600 + (i % 5)},Test /22\n");
        }

        ipv4.Append("40.0.0.0,40.0.0.127,64700,Test /25\n");
        WriteTarball(Path.Combine(Cache, "ip-location-db-asn-0.0.1-test.tgz"),
            ("package/asn-ipv4.csv", ipv4.ToString()),
            ("package/asn-ipv6.csv", "2001:db8::,2001:db8::ffff,64999,Test\n"));
    }

    public string Cache => Path.Combine(_root.FullName, "cache");

    public string Out => Path.Combine(_root.FullName, "out");

    /// <summary>Runs the command with <c>--cache</c> and <c>--out</c> of this workspace added.</summary>
    public (int Code, string Output, string Errors) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SeedEvalCommand.Run([.. args, "--cache", Cache, "--out", Out], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A CSV written by the run: its header and rows, split on commas.</summary>
    public (string[] Header, string[][] Rows) Csv(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Out, name));
        return (lines[0].Split(','), [.. lines.Skip(1).Select(l => l.Split(','))]);
    }

    public string Text(string name) => File.ReadAllText(Path.Combine(Out, name));

    public void Dispose() => _root.Delete(recursive: true);

    private static void WriteTarball(string path, params (string Name, string Text)[] files)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, text) in files)
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }
    }
}
