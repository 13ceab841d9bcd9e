using System.Globalization;
using System.Text;
using Loci.Prefixes;
using Loci.Prefixes.Datasets;

namespace Loci.Bench;

/// <summary>
/// <c>loci bench lpm-shape</c>: the seed 002 Fig. 5 experiment. The IPv4 table is fragmented
/// (/16s into /24s, as the seed did with the DANTE table); for s = 200 .. 2,000 sites in steps of
/// 100, each site gets 1-100 prefixes drawn at random from it; the map-table's average depth,
/// maximum depth, node count and prefix count are recorded, for Loci's multibit trie and for
/// the binary radix (Patricia) tree the seed used, and written as CSV and an SVG chart.
/// </summary>
internal static partial class LpmBench
{
    internal static readonly string[] ShapeColumns =
    [
        "sites", "prefixes", "trie_nodes", "trie_leaves", "trie_avg_depth", "trie_max_depth", "trie_bytes",
        "radix_nodes", "radix_avg_depth", "radix_max_depth",
    ];

    /// <summary>Entry point for <c>loci bench lpm-shape ARGS</c> writing to the console.</summary>
    public static int RunShape(string[] args) => RunShape(args, Console.Out, Console.Error);

    /// <summary>Entry point for <c>loci bench lpm-shape ARGS</c>.</summary>
    public static int RunShape(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = LpmBenchOptions.Parse(args, stderr, shape: true);
        if (options is null)
        {
            return 2;
        }

        if (options.Help || options.OutputDirectory is null)
        {
            (options.Help ? stdout : stderr).WriteLine("usage: loci bench lpm-shape --out DIR [--cache DIR] [--seed N] [--runs N]");
            (options.Help ? stdout : stderr).WriteLine("  Seed 002 Fig. 5: map-table shape for 200..2000 sites of 1-100 prefixes; writes DIR/lpm-shape.csv and DIR/lpm-shape.svg.");
            return options.Help ? 0 : 2;
        }

        AsnDataset dataset;
        try
        {
            dataset = LoadDataset(options.CacheDirectory, stderr);
        }
        catch (DatasetUnavailableException ex)
        {
            stderr.WriteLine($"loci bench lpm-shape: {ex.Message}");
            return 3;
        }

        var pool = FragmentedIpv4Pool(dataset);
        stderr.WriteLine($"pool: {pool.Length:N0} IPv4 prefixes after fragmenting /16s into /24s");

        var rows = new List<double[]>();
        for (var sites = 200; sites <= 2000; sites += 100)
        {
            var sums = new double[ShapeColumns.Length];
            for (var run = 0; run < options.Runs; run++)
            {
                var row = ShapeStep(pool, sites, new Random(DrawSeed(options.Seed, sites, run)));
                for (var c = 0; c < sums.Length; c++)
                {
                    sums[c] += row[c];
                }
            }

            var mean = sums.Select(s => s / options.Runs).ToArray();
            rows.Add(mean);
            stderr.WriteLine($"  {sites,5} sites: {mean[1],8:N0} prefixes, trie depth {mean[4]:F2}/{mean[5]:F1}, radix depth {mean[8]:F2}/{mean[9]:F1}");
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var csvPath = Path.Combine(options.OutputDirectory, "lpm-shape.csv");
        var svgPath = Path.Combine(options.OutputDirectory, "lpm-shape.svg");
        File.WriteAllText(csvPath, ShapeCsv(rows));
        File.WriteAllText(svgPath, LpmShapeChart.Render(
            [.. rows.Select(r => r[0])],
            "LISP sites",
            ShapePanels(rows),
            $"Map-table shape vs LISP sites (seed 002 Fig. 5; {pool.Length:N0}-prefix IPv4 pool, mean of {options.Runs} runs)"));
        stdout.WriteLine($"wrote {csvPath}");
        stdout.WriteLine($"wrote {svgPath}");
        return 0;
    }

    /// <summary>Distinct IPv4 prefixes with every /16 replaced by its 256 /24s.</summary>
    internal static EidPrefix[] FragmentedIpv4Pool(AsnDataset dataset)
    {
        var pool = new HashSet<EidPrefix>();
        foreach (var (prefix, _) in dataset.Prefixes)
        {
            if (prefix.Family != EidFamily.IPv4)
            {
                continue;
            }

            if (prefix.Length != 16)
            {
                pool.Add(prefix);
                continue;
            }

            for (uint i = 0; i < 256; i++)
            {
                pool.Add(new EidPrefix(EidFamily.IPv4, prefix.Address | (i << 8), 24));
            }
        }

        return [.. pool.Order()];
    }

    /// <summary>
    /// The random seed of one draw, fixed per (seed, sites, run) so <c>lpm-shape</c> and
    /// <c>seed-eval</c> draw the same sites (HashCode is randomised per process, so not that).
    /// </summary>
    internal static int DrawSeed(int seed, int sites, int run) => (seed * 1_000_003) + (sites * 101) + run;

    /// <summary>One measurement: <paramref name="sites"/> sites of 1-100 random prefixes each (drawn without replacement).</summary>
    internal static double[] ShapeStep(EidPrefix[] pool, int sites, Random random) => ShapeOf(sites, DrawSites(pool, sites, random));

    /// <summary>
    /// Seed 002's sites: <paramref name="sites"/> sites, each with 1-100 prefixes (uniform) drawn at
    /// random from <paramref name="pool"/> without replacement. Fewer when the pool runs out; a
    /// site left without a prefix is dropped.
    /// </summary>
    internal static EidPrefix[][] DrawSites(EidPrefix[] pool, int sites, Random random)
    {
        var order = (EidPrefix[])pool.Clone();
        var taken = 0;
        var drawn = new List<EidPrefix[]>(sites);
        for (var site = 0; site < sites && taken < order.Length; site++)
        {
            var count = Math.Min(random.Next(1, 101), order.Length - taken);
            var prefixes = new EidPrefix[count];
            for (var k = 0; k < count; k++)
            {
                // Partial Fisher-Yates: a uniform draw without replacement.
                var j = random.Next(taken, order.Length);
                (order[taken], order[j]) = (order[j], order[taken]);
                prefixes[k] = order[taken++];
            }

            drawn.Add(prefixes);
        }

        return [.. drawn];
    }

    /// <summary>The shape row (<see cref="ShapeColumns"/>) of the map-table holding every prefix of <paramref name="drawn"/>.</summary>
    internal static double[] ShapeOf(int sites, EidPrefix[][] drawn)
    {
        var table = new EidTable<int>();
        var radix = new LpmRadixTree();
        table.Update(w =>
        {
            for (var site = 0; site < drawn.Length; site++)
            {
                foreach (var prefix in drawn[site])
                {
                    w.Set(prefix, site);
                    radix.Insert((uint)prefix.Address, prefix.Length);
                }
            }
        });

        var shape = table.Current.GetShape();
        var (radixNodes, radixAverage, radixMax) = radix.Shape();
        return [sites, shape.Prefixes, shape.Nodes, shape.Leaves, shape.AverageDepth, shape.MaxDepth, shape.Bytes, radixNodes, radixAverage, radixMax];
    }

    /// <summary>The three panels of the Fig. 5 chart from rows of <see cref="ShapeColumns"/>.</summary>
    internal static LpmShapeChart.Panel[] ShapePanels(IReadOnlyList<double[]> rows) =>
    [
        new("Average depth", "nodes from the root", [("trie (8-bit strides)", [.. rows.Select(r => r[4])]), ("binary radix tree", [.. rows.Select(r => r[8])])]),
        new("Maximum depth", "nodes from the root", [("trie (8-bit strides)", [.. rows.Select(r => r[5])]), ("binary radix tree", [.. rows.Select(r => r[9])])]),
        new("Nodes and prefixes", "count", [("prefixes", [.. rows.Select(r => r[1])]), ("trie nodes + leaves", [.. rows.Select(r => r[2] + r[3])]), ("radix nodes", [.. rows.Select(r => r[7])])]),
    ];

    internal static string ShapeCsv(IEnumerable<double[]> rows)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', ShapeColumns));
        foreach (var row in rows)
        {
            csv.AppendLine(string.Join(',', row.Select(v => Math.Round(v, 4).ToString(CultureInfo.InvariantCulture))));
        }

        return csv.ToString();
    }
}
