using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Loci.Prefixes;
using Loci.Prefixes.Datasets;

namespace Loci.Bench;

/// <summary>
/// <c>loci bench lpm</c>: builds the map-table from the full RouteViews-derived dataset
/// (DESIGN §8) and measures build time, memory per prefix and longest-prefix-match lookups
/// (IPv4 and IPv6, hits and misses, fixed seed). Targets from issue #3: IPv4 ≤ 100 ns,
/// IPv6 ≤ 150 ns, ≤ 100 bytes per prefix beyond the values, build ≤ 2 s.
/// </summary>
internal static partial class LpmBench
{
    private const int BuildRuns = 3;
    private const int LookupRounds = 5;

    /// <summary>Entry point for <c>loci bench lpm ARGS</c> writing to the console.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point for <c>loci bench lpm ARGS</c>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = LpmBenchOptions.Parse(args, stderr, shape: false);
        if (options is null)
        {
            return 2;
        }

        if (options.Help)
        {
            stdout.WriteLine("usage: loci bench lpm [--json] [--cache DIR] [--lookups N] [--seed N]");
            stdout.WriteLine("  Builds the EID table from @ip-location-db/asn (fetched with npm into DIR, default $LOCI_CACHE or ~/.cache/loci)");
            stdout.WriteLine("  and measures build time, bytes per prefix and IPv4/IPv6 longest-prefix-match lookups (half hits, half random).");
            stdout.WriteLine("  --json: the last output line is one JSON object with every figure.");
            return 0;
        }

        AsnDataset dataset;
        try
        {
            dataset = LoadDataset(options.CacheDirectory, stderr);
        }
        catch (DatasetUnavailableException ex)
        {
            stderr.WriteLine($"loci bench lpm: {ex.Message}");
            return 3;
        }

        var entries = dataset.Prefixes.Select(p => KeyValuePair.Create(p.Prefix, (int)p.Asn)).ToArray();
        stderr.WriteLine($"building the table from {entries.Length:N0} prefixes ({BuildRuns} builds) ...");
        // Memory: the first build measured with nothing else alive (a GC-heap cross-check of the
        // estimate the table computes from its own layout).
        var measuredBytes = MeasureBuildBytes(entries);
        var buildSeconds = new List<double>();
        EidTable<int>? table = null;
        for (var run = 0; run < BuildRuns; run++)
        {
            table = null;
            GC.Collect();
            var clock = Stopwatch.StartNew();
            table = new EidTable<int>();
            table.SetRange(entries);
            buildSeconds.Add(clock.Elapsed.TotalSeconds);
        }

        var snapshot = table!.Current;
        var shape = snapshot.GetShape();
        var v4Shape = snapshot.GetShape(EidFamily.IPv4);
        var v6Shape = snapshot.GetShape(EidFamily.IPv6);

        stderr.WriteLine($"timing {options.Lookups:N0} lookups per family ({LookupRounds} rounds) ...");
        var v4 = MeasureLookups(table, dataset, EidFamily.IPv4, options.Lookups, options.Seed);
        var v6 = MeasureLookups(table, dataset, EidFamily.IPv6, options.Lookups, options.Seed + 1);

        var build = Median(buildSeconds);
        stdout.WriteLine($"dataset           {dataset.Source}");
        stdout.WriteLine($"prefixes          {snapshot.Count:N0} (IPv4 {v4Shape.Prefixes:N0}, IPv6 {v6Shape.Prefixes:N0}) from {dataset.Ipv4Ranges + dataset.Ipv6Ranges:N0} ranges");
        stdout.WriteLine($"build             {build:F3} s median of {BuildRuns} ({string.Join(", ", buildSeconds.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))})");
        stdout.WriteLine($"memory            {shape.OverheadBytesPerPrefix:F1} B/prefix beyond values, {shape.BytesPerPrefix:F1} with 4-byte values (estimate); GC-measured {(double)measuredBytes / shape.Prefixes:F1}");
        stdout.WriteLine($"shape             {shape.Nodes:N0} nodes, {shape.Leaves:N0} leaves, depth avg {shape.AverageDepth:F2} max {shape.MaxDepth}");
        stdout.WriteLine($"IPv4 lookup       {v4.Nanoseconds:F1} ns (median of {LookupRounds}, {v4.HitRatio:P0} hits)");
        stdout.WriteLine($"IPv6 lookup       {v6.Nanoseconds:F1} ns (median of {LookupRounds}, {v6.HitRatio:P0} hits)");

        if (options.Json)
        {
            stdout.WriteLine(Json(w =>
            {
                w.WriteNumber("prefixes", snapshot.Count);
                w.WriteNumber("ipv4_prefixes", v4Shape.Prefixes);
                w.WriteNumber("ipv6_prefixes", v6Shape.Prefixes);
                w.WriteNumber("ranges", dataset.Ipv4Ranges + dataset.Ipv6Ranges);
                w.WriteNumber("sites", dataset.Prefixes.Select(p => p.Asn).Distinct().Count());
                w.WriteNumber("build_seconds", Math.Round(build, 4));
                w.WriteNumber("bytes_per_prefix", Math.Round(shape.OverheadBytesPerPrefix, 2));
                w.WriteNumber("bytes_per_prefix_with_values", Math.Round(shape.BytesPerPrefix, 2));
                w.WriteNumber("gc_bytes_per_prefix", Math.Round((double)measuredBytes / shape.Prefixes, 2));
                w.WriteNumber("ipv4_lookup_ns", Math.Round(v4.Nanoseconds, 2));
                w.WriteNumber("ipv6_lookup_ns", Math.Round(v6.Nanoseconds, 2));
                w.WriteNumber("ipv4_hit_ratio", Math.Round(v4.HitRatio, 4));
                w.WriteNumber("ipv6_hit_ratio", Math.Round(v6.HitRatio, 4));
                w.WriteNumber("lookups", options.Lookups);
                w.WriteNumber("seed", options.Seed);
                WriteShape(w, shape);
                w.WriteStartObject("ipv4_shape");
                WriteShape(w, v4Shape);
                w.WriteEndObject();
                w.WriteStartObject("ipv6_shape");
                WriteShape(w, v6Shape);
                w.WriteEndObject();
                w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
                w.WriteNumber("processors", Environment.ProcessorCount);
            }));
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long MeasureBuildBytes(KeyValuePair<EidPrefix, int>[] entries)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var table = new EidTable<int>();
        table.SetRange(entries);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(table);
        return after - before;
    }

    internal static AsnDataset LoadDataset(string? cacheDirectory, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        var dataset = AsnDataset.LoadOrFetch(cacheDirectory, message => stderr.WriteLine($"  {message}"));
        stderr.WriteLine($"loaded {dataset.Prefixes.Count:N0} prefixes in {clock.Elapsed.TotalSeconds:F1} s");
        return dataset;
    }

    /// <summary>
    /// Half the queries are random hosts inside random stored prefixes (hits), half uniformly
    /// random addresses (mostly misses in IPv6, partly hits in IPv4, as real traffic would be).
    /// </summary>
    internal static EidPrefix[] MakeQueries(AsnDataset dataset, EidFamily family, int count, int seed)
    {
        var random = new Random(seed);
        var pool = dataset.Prefixes.Where(p => p.Prefix.Family == family).Select(p => p.Prefix).ToArray();
        var width = family.BitWidth();
        var queries = new EidPrefix[count];
        for (var i = 0; i < count; i++)
        {
            var noise = RandomBits(random, width);
            if (i % 2 == 0)
            {
                var p = pool[random.Next(pool.Length)];
                var hostMask = p.Length == width ? UInt128.Zero : (UInt128.One << (width - p.Length)) - 1;
                queries[i] = EidPrefix.Host(family, p.Address | (noise & hostMask));
            }
            else
            {
                // IPv6 global unicast space (2000::/3) so misses still walk real paths.
                queries[i] = EidPrefix.Host(family, width == 128 ? (noise >> 3) | ((UInt128)1 << 125) : noise);
            }
        }

        return queries;
    }

    private static (double Nanoseconds, double HitRatio) MeasureLookups(EidTable<int> table, AsnDataset dataset, EidFamily family, int count, int seed)
    {
        var queries = MakeQueries(dataset, family, count, seed);
        var hits = RunLookups(table, queries); // warm-up: JIT tiers, caches
        var rounds = new List<double>();
        for (var round = 0; round < LookupRounds; round++)
        {
            var clock = Stopwatch.StartNew();
            hits = RunLookups(table, queries);
            rounds.Add(clock.Elapsed.TotalNanoseconds / queries.Length);
        }

        return (Median(rounds), (double)hits / queries.Length);
    }

    private static int RunLookups(EidTable<int> table, EidPrefix[] queries)
    {
        var hits = 0;
        foreach (ref readonly var q in queries.AsSpan())
        {
            if (table.TryLookup(q, out _, out _))
            {
                hits++;
            }
        }

        return hits;
    }

    private static UInt128 RandomBits(Random random, int width)
    {
        var value = new UInt128((ulong)random.NextInt64() ^ ((ulong)random.Next() << 40), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40));
        return width == 128 ? value : value & ((UInt128.One << width) - 1);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void WriteShape(Utf8JsonWriter w, TableShape shape)
    {
        w.WriteNumber("nodes", shape.Nodes);
        w.WriteNumber("leaves", shape.Leaves);
        w.WriteNumber("shape_prefixes", shape.Prefixes);
        w.WriteNumber("average_depth", Math.Round(shape.AverageDepth, 4));
        w.WriteNumber("max_depth", shape.MaxDepth);
        w.WriteNumber("bytes", shape.Bytes);
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
