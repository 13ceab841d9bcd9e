using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Loci.Wire;

namespace Loci.Bench.Load;

/// <summary>The end of a run: a table for people and one JSON object for scripts, with the same figures.</summary>
internal sealed class LoadReport(LoadOptions options, LoadSockets sockets, EidPool pool, LoadOutcome outcome, SetupResult? setup, NodeRuntimeReport? node)
{
    private static readonly (string Name, double Percentile)[] Percentiles =
        [("p50", 50), ("p90", 90), ("p99", 99), ("p99_9", 99.9)];

    private LatencyHistogram Latency => outcome.Replies.Latency;

    /// <summary>A valid run measured the target: the generator kept its schedule and the kernel took every message.</summary>
    public bool Valid => outcome.GeneratorKeptUp && outcome.Sender.SendErrors == 0;

    public void WriteTable(TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var s = outcome.Sender;
        var r = outcome.Replies;
        w.WriteLine(Invariant($"loci bench load: {ModeName} to {sockets.Target}, {sockets.Sockets.Length} sockets ({options.EffectiveReceive.ToString().ToLowerInvariant()} receive) from {sockets.LocalAddress}, {pool.Prefixes.Length:N0} prefixes"));
        w.WriteLine(Invariant($"offered      {options.Rate:N0}/s for {options.Duration.TotalSeconds:0.00} s (warm-up {options.Warmup.TotalSeconds:0.00} s)"));
        w.WriteLine(Invariant($"sent         {s.Sent:N0} ({outcome.SendRate:N0}/s achieved over {outcome.MeasuredWindow.TotalSeconds:0.000} s)"));
        w.WriteLine(Invariant($"answered     {r.Answered:N0} ({outcome.AnsweredRate:N0}/s) of {s.ExpectedReplies:N0} expected replies"));
        w.WriteLine(s.ExpectedReplies == 0
            ? "loss         not measured: no message asked for a reply (--notify-fraction 0)"
            : Invariant($"loss         {outcome.LossPercent:0.000} %"));
        w.WriteLine(Invariant($"latency µs   {string.Join("  ", Percentiles.Select(p => $"{p.Name.Replace('_', '.')} {Micro(Latency.Percentile(p.Percentile)):N1}"))}  max {Micro(Latency.Max):N1}  mean {Latency.Mean / 1000:N1}"));
        w.WriteLine(Invariant($"replies      positive {Count(ReplyKind.Positive):N0}  negative {Count(ReplyKind.Negative):N0}  referral {Count(ReplyKind.Referral):N0}  notify {Count(ReplyKind.Notify):N0}"));
        w.WriteLine(Invariant($"not counted  duplicate {r.Duplicates:N0}  late {r.Late:N0}  stale {r.Stale:N0}  unmatched {r.Unmatched:N0}"));
        w.WriteLine(Invariant($"generator    lag {s.Skipped:N0} skipped in {s.LagEvents:N0} events, at most {Micro(Nanoseconds(s.MaxBehindTicks)) / 1000:N2} ms behind; {s.SendErrors:N0} send errors; {s.AllocatedBytes + r.AllocatedBytes:N0} B allocated"));
        if (setup is not null)
        {
            w.WriteLine(Invariant($"registered   {setup.Confirmed:N0} of {setup.Requested:N0} prefixes first (Map-Notify received) in {setup.Elapsed.TotalSeconds:0.00} s"));
        }

        node?.WriteTable(w, s.Sent);
        w.WriteLine(Valid
            ? "verdict      valid: the generator kept its schedule"
            : Invariant($"verdict      NOT VALID: the generator fell behind ({s.Skipped:N0} messages skipped) or could not send ({s.SendErrors:N0} errors); lower the rate, add sockets or give it a core of its own"));
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteJson(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteJson(Utf8JsonWriter w)
    {
        var s = outcome.Sender;
        var r = outcome.Replies;
        w.WriteStartObject();
        w.WriteString("mode", ModeName);
        w.WriteString("target", sockets.Target.ToString());
        w.WriteString("source", sockets.LocalAddress.ToString());
        w.WriteNumber("sockets", sockets.Sockets.Length);
        w.WriteString("receive", options.EffectiveReceive.ToString().ToLowerInvariant());
        w.WriteNumber("offered_rate", options.Rate);
        w.WriteNumber("duration_s", options.Duration.TotalSeconds);
        w.WriteNumber("warmup_s", options.Warmup.TotalSeconds);
        w.WriteNumber("measured_s", Math.Round(outcome.MeasuredWindow.TotalSeconds, 6));
        w.WriteNumber("sent", s.Sent);
        w.WriteNumber("send_rate", Math.Round(outcome.SendRate, 1));
        w.WriteNumber("expected_replies", s.ExpectedReplies);
        w.WriteNumber("answered", r.Answered);
        w.WriteNumber("answered_rate", Math.Round(outcome.AnsweredRate, 1));
        w.WriteNumber("loss_percent", Math.Round(outcome.LossPercent, 4));
        w.WriteStartObject("latency_us");
        foreach (var (name, percentile) in Percentiles)
        {
            w.WriteNumber(name, Micro(Latency.Percentile(percentile)));
        }

        w.WriteNumber("max", Micro(Latency.Max));
        w.WriteNumber("min", Latency.Count == 0 ? 0 : Micro(Latency.Min));
        w.WriteNumber("mean", Math.Round(Latency.Mean / 1000, 1));
        w.WriteEndObject();
        w.WriteStartObject("replies");
        foreach (var kind in Enum.GetValues<ReplyKind>().Where(k => k != ReplyKind.Other))
        {
            w.WriteNumber(kind.ToString().ToLowerInvariant(), Count(kind));
        }

        w.WriteEndObject();
        w.WriteNumber("duplicates", r.Duplicates);
        w.WriteNumber("late", r.Late);
        w.WriteNumber("stale", r.Stale);
        w.WriteNumber("unmatched", r.Unmatched);
        w.WriteNumber("send_errors", s.SendErrors);
        w.WriteStartObject("generator_lag");
        w.WriteNumber("skipped", s.Skipped);
        w.WriteNumber("events", s.LagEvents);
        w.WriteNumber("max_behind_us", Micro(Nanoseconds(s.MaxBehindTicks)));
        w.WriteEndObject();
        w.WriteBoolean("valid", Valid);
        w.WriteStartObject("allocated_bytes");
        w.WriteNumber("sender", s.AllocatedBytes);
        w.WriteNumber("receivers", r.AllocatedBytes);
        w.WriteEndObject();
        w.WriteNumber("prefixes", pool.Prefixes.Length);
        w.WriteNumber("queries", pool.Queries.Length);
        if (options.Mode == LoadMode.Register || setup is not null)
        {
            w.WriteString("algorithm", options.Algorithm == AuthAlgorithm.HmacSha1_96 ? "sha1" : "sha256");
            w.WriteNumber("key_id", options.KeyId);
        }

        if (options.Mode == LoadMode.Register)
        {
            w.WriteNumber("notify_fraction", options.NotifyFraction);
            w.WriteBoolean("proxy_reply", options.ProxyReply);
        }

        if (setup is not null)
        {
            w.WriteStartObject("register_first");
            w.WriteNumber("requested", setup.Requested);
            w.WriteNumber("confirmed", setup.Confirmed);
            w.WriteNumber("seconds", Math.Round(setup.Elapsed.TotalSeconds, 3));
            w.WriteEndObject();
        }

        node?.WriteJson(w, s.Sent);
        w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        w.WriteNumber("processors", Environment.ProcessorCount);
        w.WriteEndObject();
    }

    private string ModeName => options.Mode.ToString().ToLowerInvariant();

    private long Count(ReplyKind kind) => outcome.Replies.Replies[(int)kind];

    private static double Micro(long nanoseconds) => Math.Round(nanoseconds / 1000.0, 1);

    private static long Nanoseconds(long stopwatchTicks) => (long)(stopwatchTicks * (1e9 / System.Diagnostics.Stopwatch.Frequency));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
