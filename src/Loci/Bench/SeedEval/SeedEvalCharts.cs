using System.Globalization;

namespace Loci.Bench.SeedEval;

/// <summary>The SVG of each figure, drawn like the seed's (same axes), with the seed's stated values dashed.</summary>
internal static class SeedEvalCharts
{
    public static string Fig4(IReadOnlyList<Fig4Row> rows, string machine)
    {
        ArgumentNullException.ThrowIfNull(rows);
        double[] Of(Func<Fig4Row, double> pick) => [.. rows.Select(pick)];
        return LpmShapeChart.Render(
            Of(r => r.Sites),
            "LISP sites",
            [
                new LpmShapeChart.Panel(
                    "Map-Server: Map-Register check, update, Map-Notify (~5 %)",
                    "processing latency (µs, log scale)",
                    [
                        ("changed registration (full path), median", Of(r => r.Full.Median)),
                        ("changed registration, p90", Of(r => r.Full.P90)),
                        ("changed registration, mean", Of(r => r.Full.Mean)),
                        ("unchanged re-registration (fast path), median", Of(r => r.Fast.Median)),
                    ],
                    LogY: true,
                    References: [($"seed 002 (OpenLISP): ~{SeedReference.MapServerMicroseconds:0} µs", SeedReference.MapServerMicroseconds)]),
                new LpmShapeChart.Panel(
                    "Map-Resolver: lookup and Map-Reply",
                    "processing latency (µs, log scale)",
                    [
                        ("median", Of(r => r.Request.Median)),
                        ("p90", Of(r => r.Request.P90)),
                        ("mean", Of(r => r.Request.Mean)),
                    ],
                    LogY: true,
                    References: [($"seed 002 (OpenLISP): ~{SeedReference.MapResolverMicroseconds:0} µs (MS latency / 30)", SeedReference.MapResolverMicroseconds)]),
            ],
            $"Control-plane processing latency vs LISP sites (seed 002 Fig. 4; Loci on {machine})");
    }

    public static string Fig5(IReadOnlyList<double[]> rows, int poolPrefixes) =>
        LpmShapeChart.Render(
            [.. rows.Select(r => r[0])],
            "LISP sites",
            LpmBench.ShapePanels(rows),
            string.Create(CultureInfo.InvariantCulture, $"Map-table shape vs LISP sites (seed 002 Fig. 5; the Fig. 4 sites, drawn from a {poolPrefixes:N0}-prefix IPv4 pool)"));

    public static string Fig6(Fig6Result result, string machine)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows;
        double[] Of(Func<Fig6Row, double> pick) => [.. rows.Select(pick)];
        return LpmShapeChart.Render(
            Of(r => r.RequestRate),
            "Map-Requests sent (/s, log scale)",
            [
                new LpmShapeChart.Panel(
                    "Map-Replies received vs Map-Requests sent",
                    "Map-Replies (/s, log scale)",
                    [("every request answered (y = x)", Of(r => r.RequestRate)), ("Loci map-server (proxy reply)", Of(r => r.ReplyRate))],
                    LogY: true,
                    XReferences: [("seed 002: Cisco 3900 drops ~10 % from ~4,000/s", SeedReference.CiscoDropRate)]),
                new LpmShapeChart.Panel("Loss", "Map-Requests unanswered (%)", [("loss", Of(r => r.LossPercent))]),
                new LpmShapeChart.Panel(
                    "Round trip seen by the generator",
                    "latency (µs, log scale)",
                    [("p50", Of(r => r.P50Microseconds)), ("p99", Of(r => r.P99Microseconds))],
                    LogY: true),
            ],
            $"Map-Reply rate vs Map-Request rate (seed 002 Fig. 6; {(result.Pinning.Pinned ? "node on core 0, generator on core 1" : "unpinned")}; {machine})",
            logX: true);
    }
}
