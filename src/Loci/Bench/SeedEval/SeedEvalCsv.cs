using System.Globalization;
using System.Text;

namespace Loci.Bench.SeedEval;

/// <summary>The CSV of each figure: one header line, one row per x value, invariant culture, microseconds.</summary>
internal static class SeedEvalCsv
{
    public const string Fig4File = "fig4-processing-latency";
    public const string Fig5File = "fig5-map-table";
    public const string Fig6File = "fig6-reply-rate";

    public static readonly string[] Fig4Columns =
    [
        "sites", "prefixes", "records_per_register", "messages", "notify_share",
        "ms_first_median_us",
        "ms_full_median_us", "ms_full_p90_us", "ms_full_mean_us", "ms_full_ci99_us",
        "ms_fast_median_us", "ms_fast_p90_us", "ms_fast_mean_us",
        "mr_median_us", "mr_p90_us", "mr_mean_us", "mr_ci99_us",
    ];

    public static readonly string[] Fig6Columns =
    [
        "request_rate", "sent_rate", "reply_rate", "loss_percent", "p50_us", "p99_us", "positive", "negative", "valid", "generator_skipped",
    ];

    public static string Fig4(IEnumerable<Fig4Row> rows) => Write(Fig4Columns, rows.Select(r => new object[]
    {
        r.Sites, r.Prefixes, r.RecordsPerRegister, r.Full.Count, r.NotifyShare,
        r.First.Median,
        r.Full.Median, r.Full.P90, r.Full.Mean, r.Full.Ci99,
        r.Fast.Median, r.Fast.P90, r.Fast.Mean,
        r.Request.Median, r.Request.P90, r.Request.Mean, r.Request.Ci99,
    }));

    public static string Fig5(IEnumerable<double[]> rows) => LpmBench.ShapeCsv(rows);

    public static string Fig6(IEnumerable<Fig6Row> rows) => Write(Fig6Columns, rows.Select(r => new object[]
    {
        r.RequestRate, r.SentRate, r.ReplyRate, r.LossPercent, r.P50Microseconds, r.P99Microseconds, r.Positive, r.Negative, r.Valid ? "true" : "false", r.Skipped,
    }));

    private static string Write(string[] columns, IEnumerable<object[]> rows)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', columns));
        foreach (var row in rows)
        {
            csv.AppendLine(string.Join(',', row.Select(Format)));
        }

        return csv.ToString();
    }

    private static string Format(object value) => value switch
    {
        double d => Math.Round(d, 3).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
