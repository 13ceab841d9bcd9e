using System.Globalization;
using System.Xml.Linq;
using Loci.Bench;
using Loci.Bench.SeedEval;

namespace Loci.Tests.Bench.SeedEval;

/// <summary>
/// <c>loci bench seed-eval</c> end to end in quick mode on a small synthetic dataset: the files,
/// their columns and row counts, and values that make sense. No speed is asserted (DESIGN §6).
/// </summary>
public class SeedEvalCommandTests
{
    private static readonly string[] Steps = ["10", "20", "30"];

    [Fact]
    public void Run_QuickFigures4And5_WritesCsvSvgAndSummary_SameSitesInBoth()
    {
        using var workspace = new SeedEvalWorkspace();

        var (code, output, errors) = workspace.Run("--quick", "--figures", "4,5", "--sites", "10:30:10", "--messages", "100", "--periods", "2");

        Assert.True(code == 0, errors);
        foreach (var file in new[] { "fig4-processing-latency.csv", "fig4-processing-latency.svg", "fig5-map-table.csv", "fig5-map-table.svg", "summary.md" })
        {
            Assert.Contains(Path.Combine(workspace.Out, file), output, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(workspace.Out, "fig6-reply-rate.csv")));

        var (header4, fig4) = workspace.Csv("fig4-processing-latency.csv");
        Assert.Equal(SeedEvalCsv.Fig4Columns, header4);
        Assert.Equal(Steps, fig4.Select(r => r[0]));
        double Get4(string[] row, string column) => Number(row[Array.IndexOf(header4, column)]);
        foreach (var row in fig4)
        {
            Assert.Equal(100, Get4(row, "messages"));
            Assert.InRange(Get4(row, "records_per_register"), 1, 100);
            Assert.InRange(Get4(row, "notify_share"), 0, 0.3);
            foreach (var column in header4.Where(c => c.EndsWith("_us", StringComparison.Ordinal) && !c.Contains("ci99", StringComparison.Ordinal)))
            {
                Assert.True(Get4(row, column) > 0, $"{column} = {Get4(row, column)} at {row[0]} sites");
            }

            Assert.True(Get4(row, "ms_full_median_us") <= Get4(row, "ms_full_p90_us"));
            Assert.True(Get4(row, "mr_median_us") <= Get4(row, "mr_p90_us"));
        }

        var (header5, fig5) = workspace.Csv("fig5-map-table.csv");
        Assert.Equal(LpmBench.ShapeColumns, header5);
        Assert.Equal(Steps, fig5.Select(r => r[0]));
        double Get5(string[] row, string column) => Number(row[Array.IndexOf(header5, column)]);

        // Fig. 5 describes the map-table of Fig. 4's sites: the same prefixes, growing with the sites.
        Assert.Equal(fig4.Select(r => r[1]), fig5.Select(r => r[1]));
        var prefixes = fig5.Select(r => Get5(r, "prefixes")).ToArray();
        Assert.True(prefixes[0] < prefixes[1] && prefixes[1] < prefixes[2], string.Join(", ", prefixes));
        foreach (var row in fig5)
        {
            Assert.InRange(Get5(row, "trie_avg_depth"), 1, Get5(row, "trie_max_depth"));
            Assert.InRange(Get5(row, "radix_avg_depth"), 1, Get5(row, "radix_max_depth"));
            Assert.InRange(Get5(row, "radix_nodes"), Get5(row, "prefixes"), 2 * Get5(row, "prefixes"));
            Assert.True(Get5(row, "trie_nodes") + Get5(row, "trie_leaves") > 0);
        }

        AssertSvg(workspace.Text("fig4-processing-latency.svg"), "LISP sites", "processing latency (µs, log scale)", "seed 002 (OpenLISP): ~700 µs");
        AssertSvg(workspace.Text("fig5-map-table.svg"), "LISP sites", "Average depth", "binary radix tree");
        var summary = workspace.Text("summary.md");
        Assert.Contains("## Fig. 4", summary, StringComparison.Ordinal);
        Assert.Contains("## Fig. 5", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("## Fig. 6", summary, StringComparison.Ordinal);
        Assert.Contains("--quick --figures 4,5", summary, StringComparison.Ordinal);
        Assert.Contains(Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), summary, StringComparison.Ordinal);
    }

    /// <summary>Two short low-rate steps against a real node started as a child process (killed when the run ends, however it ends).</summary>
    [Fact]
    public void Run_QuickFigure6_TwoLowRateStepsAgainstANodeOnLoopback_EveryRequestAnswered()
    {
        using var workspace = new SeedEvalWorkspace();

        var (code, _, errors) = workspace.Run("--quick", "--figures", "6", "--sites", "10", "--step", "500ms");

        Assert.True(code == 0, errors);
        var (header, rows) = workspace.Csv("fig6-reply-rate.csv");
        Assert.Equal(SeedEvalCsv.Fig6Columns, header);
        double Get(string[] row, string column) => Number(row[Array.IndexOf(header, column)]);
        bool Valid(string[] row) => row[Array.IndexOf(header, "valid")] == "true";

        // The sweep stops early only when the generator itself lagged (a busy machine), and says so.
        Assert.True(rows.Length == 2 || (rows.Length == 1 && !Valid(rows[0])), errors);
        Assert.Equal(500, Get(rows[0], "request_rate"));
        if (rows.Length == 2)
        {
            Assert.Equal(1000, Get(rows[1], "request_rate"));
        }

        foreach (var row in rows.Where(Valid))
        {
            Assert.InRange(Get(row, "loss_percent"), 0, 1);
            Assert.True(Get(row, "reply_rate") > 0.9 * Get(row, "request_rate"), string.Join(',', row));
            Assert.Equal(0, Get(row, "negative"));
            Assert.True(Get(row, "p50_us") > 0 && Get(row, "p50_us") <= Get(row, "p99_us"));
        }

        AssertSvg(workspace.Text("fig6-reply-rate.svg"), "Map-Requests sent (/s, log scale)", "Loss", "every request answered");
        var summary = workspace.Text("summary.md");
        Assert.Contains("## Fig. 6", summary, StringComparison.Ordinal);
        Assert.Contains("registered prefixes", summary, StringComparison.Ordinal);
        Assert.Contains("Fig. 6: registered", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--figures", "7")]
    [InlineData("--figures", "")]
    [InlineData("--sites", "0:100")]
    [InlineData("--sites", "400:200")]
    [InlineData("--sites", "1:2:3:4")]
    [InlineData("--messages", "5")]
    [InlineData("--notify-share", "1.5")]
    [InlineData("--request", "udp")]
    [InlineData("--rate-factor", "1")]
    [InlineData("--step", "10m")]
    [InlineData("--min-rate", "0")]
    [InlineData("--max-steps", "100")]
    [InlineData("--bogus", "1")]
    [InlineData("--out")]
    public void Run_BadOption_Exit2NamingTheOption(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = SeedEvalCommand.Run(args, stdout, stderr);

        Assert.Equal(2, code);
        Assert.Contains(args[0], stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void Run_MinRateAboveMaxRate_Exit2()
    {
        using var stderr = new StringWriter();

        Assert.Equal(2, SeedEvalCommand.Run(["--min-rate", "10k", "--max-rate", "1k"], TextWriter.Null, stderr));
        Assert.Contains("--min-rate", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BenchCommand_SeedEvalHelp_PrintsUsageExit0()
    {
        using var stdout = new StringWriter();

        var code = Loci.Cli.BenchCommand.Run(["seed-eval", "--help"], stdout, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.Contains("usage: loci bench seed-eval", stdout.ToString(), StringComparison.Ordinal);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static void AssertSvg(string svg, params string[] texts)
    {
        var document = XDocument.Parse(svg); // well-formed XML
        Assert.Equal("svg", document.Root!.Name.LocalName);
        var all = string.Join('\n', document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        Assert.All(texts, t => Assert.Contains(t, all, StringComparison.Ordinal));
    }
}
