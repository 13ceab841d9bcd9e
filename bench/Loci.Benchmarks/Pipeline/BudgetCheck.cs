using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Loci.Benchmarks.Prefixes;
using Loci.Prefixes.Datasets;
using Perfolizer.Horology;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// <c>--check-budget [budget.json] [--out-of-process]</c>: the CI allocation gate. Runs every benchmark
/// named in the budget file, and only those, in one short BenchmarkDotNet job (in-process, 1 warm-up
/// and 3 measured iterations of ~100 ms, no overhead evaluation: only the Allocated column is gated,
/// and allocation needs neither long runs nor the empty-loop correction), then compares the bytes allocated per operation with the budget:
/// <list type="bullet">
/// <item>a budget B &gt; 0 fails when the measured value exceeds B × (1 + tolerance), tolerance 10 %;</item>
/// <item>a budget of 0 fails from 1 byte per operation: 10 % of nothing is nothing, and the slack of
/// under one byte only absorbs what the harness itself allocates once per iteration, spread over
/// thousands of operations;</item>
/// <item>a budgeted benchmark that does not appear in the results (renamed, removed, or failed in
/// setup) fails.</item>
/// </list>
/// Means are printed, never gated. Exit code 0 when every benchmark is within budget, 1 otherwise,
/// 2 for a bad budget file.
/// </summary>
internal static class BudgetCheck
{
    private const double Tolerance = 0.10;
    private const double ZeroBudgetSlack = 1.0;

    public static int Run(string[] args)
    {
        var outOfProcess = args.Contains("--out-of-process");
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine("bench", "allocation-budget.json");
        Dictionary<string, long> budget;
        try
        {
            budget = ReadBudget(path);
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"check-budget: cannot read {path}: {ex.Message}");
            return 2;
        }

        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithEvaluateOverhead(false);
        if (!outOfProcess)
        {
            job = job.WithToolchain(InProcessEmitToolchain.Instance);
        }

        // A mutator: applied to the jobs the classes declare ([SimpleJob(launchCount: 3 ...)]), not added beside them.
        var config = ManualConfig.CreateEmpty()
            .AddJob(job.AsMutator())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(JsonExporter.Full)
            .AddFilter(new SimpleFilter(c => budget.ContainsKey(Name(c))))
            .WithArtifactsPath(Path.Combine("BenchmarkDotNet.Artifacts", "allocation-budget"))
            .WithOption(ConfigOptions.JoinSummary, true)
            .WithOption(ConfigOptions.DisableLogFile, true);

        var runs = typeof(BudgetCheck).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => BenchmarkConverter.TypeToBenchmarks(t, config))
            .Where(r => r.BenchmarksCases.Length > 0)
            .ToArray();
        // The map-table suites run on the real dataset (npm, cached): fetch it first, so that a
        // missing npm or registry reads as such rather than as benchmarks missing from the results.
        if (runs.Any(r => r.Type.Namespace == typeof(LpmFixture).Namespace))
        {
            try
            {
                Console.WriteLine($"check-budget: map-table dataset: {LpmFixture.Dataset.Prefixes.Count:N0} prefixes");
            }
            catch (DatasetUnavailableException ex)
            {
                Console.Error.WriteLine($"check-budget: FAIL the map-table benchmarks need the @ip-location-db/asn dataset (npm, cached in $LOCI_CACHE or ~/.cache/loci): {ex.Message}");
                return 1;
            }
        }

        var started = DateTime.UtcNow;
        var summaries = runs.Length == 0 ? [] : BenchmarkRunner.Run(runs);
        var reports = summaries.SelectMany(s => s.Reports).ToDictionary(r => Name(r.BenchmarkCase), r => r);
        var known = runs.SelectMany(r => r.BenchmarksCases).Select(Name).ToHashSet(StringComparer.Ordinal);
        return Verdict(budget, known, reports, path, DateTime.UtcNow - started);
    }

    /// <summary>The name a budget entry uses: Class.Method, with the parameters as (Name=value, ...).</summary>
    public static string Name(BenchmarkCase benchmark)
    {
        var name = $"{benchmark.Descriptor.Type.Name}.{benchmark.Descriptor.WorkloadMethod.Name}";
        var parameters = benchmark.Parameters.Items.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value}")).ToArray();
        return parameters.Length == 0 ? name : $"{name}({string.Join(", ", parameters)})";
    }

    private static Dictionary<string, long> ReadBudget(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("bytesPerOperation", out var entries) || entries.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("expected an object \"bytesPerOperation\": { \"Class.Method(Param=value)\": bytes, ... }");
        }

        var budget = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt64(out var bytes) || bytes < 0)
            {
                throw new InvalidDataException($"\"{entry.Name}\": the budget must be a whole number of bytes, 0 or more.");
            }

            budget[entry.Name] = bytes;
        }

        return budget.Count > 0 ? budget : throw new InvalidDataException("the budget names no benchmark.");
    }

    private static int Verdict(Dictionary<string, long> budget, HashSet<string> known, Dictionary<string, BenchmarkReport> reports, string path, TimeSpan elapsed)
    {
        var failures = new List<string>();
        var rows = new List<string[]>();
        foreach (var (name, allowed) in budget.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var limit = allowed == 0 ? ZeroBudgetSlack : allowed * (1 + Tolerance);
            if (!reports.TryGetValue(name, out var report) || !report.Success || report.GcStats.TotalOperations == 0
                || report.GcStats.GetTotalAllocatedBytes(true) is not { } total)
            {
                rows.Add([name, Bytes(allowed), "-", "-", "MISSING"]);
                failures.Add(known.Contains(name)
                    ? $"{name}: ran but produced no result (it failed: see its log above)"
                    : $"{name}: no such benchmark (renamed or removed? keys are Class.Method(Param=value))");
                continue;
            }

            var measured = (double)total / report.GcStats.TotalOperations;
            var mean = report.ResultStatistics is { } statistics ? Time(statistics.Mean) : "-";
            var over = allowed == 0 ? measured >= limit : measured > limit;
            var slack = !over && allowed > 0 && measured < (allowed * (1 - Tolerance)) - ZeroBudgetSlack;
            rows.Add([name, Bytes(allowed), measured.ToString("N1", CultureInfo.InvariantCulture), mean, over ? "OVER" : slack ? "ok, lower the budget?" : "ok"]);
            if (over)
            {
                failures.Add(allowed == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{name}: {measured:N1} B/op allocated, budget 0 (must stay below 1 B/op)")
                    : string.Create(CultureInfo.InvariantCulture, $"{name}: {measured:N1} B/op allocated, budget {allowed:N0} B/op (+10 % = {limit:N1})"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Allocation budget ({path}): a budget B allows up to B + 10 %; a budget of 0 allows < 1 B/op. Means are shown, not gated.");
        Print(["benchmark", "budget B/op", "measured B/op", "mean", "verdict"], rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{budget.Count} budgeted, {budget.Count - failures.Count} within budget, {failures.Count} failing; benchmarks ran for {elapsed.TotalSeconds:F0} s."));
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"check-budget: FAIL {failure}");
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000:F2} ms"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:F2} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:F1} ns"),
    };

    private static void Print(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }
    }
}
