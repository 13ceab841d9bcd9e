using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Loci.Bench.SeedEval;

/// <summary>
/// One Fig. 6 step: <c>loci bench load</c> as a child process (on core 1 when pinned) at one rate,
/// its JSON result (<c>--json -</c>: the JSON alone on stdout) read back into a <see cref="Fig6Row"/>.
/// </summary>
internal static class LoadStep
{
    /// <summary>Start-up of the child plus slack, on top of warm-up, measured time and reply timeout.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<string> Arguments(IPEndPoint target, long rate, SeedEvalOptions options, string eidFile) =>
    [
        "bench", "load", "--target", target.ToString(), "--mode", options.Encapsulated ? "ecm" : "request",
        "--rate", rate.ToString(CultureInfo.InvariantCulture),
        "--duration", Seconds(options.StepDuration), "--warmup", Seconds(options.StepWarmup), "--timeout", Seconds(ReplyTimeout),
        "--eids", eidFile, "--seed", options.Seed.ToString(CultureInfo.InvariantCulture), "--json", "-", "--quiet",
    ];

    /// <exception cref="InvalidOperationException">The generator failed, hung or wrote no JSON.</exception>
    public static Fig6Row Run(CorePinning pinning, IPEndPoint target, long rate, SeedEvalOptions options, string eidFile)
    {
        ArgumentNullException.ThrowIfNull(pinning);
        ArgumentNullException.ThrowIfNull(options);
        using var generator = LociProcess.Start(pinning.Prefix(CorePinning.GeneratorCore), Arguments(target, rate, options, eidFile));
        var limit = options.StepWarmup + options.StepDuration + ReplyTimeout + Slack;
        if (!generator.WaitForExit(limit))
        {
            throw new InvalidOperationException($"the generator did not finish within {limit.TotalSeconds:0} s ({generator.CommandLine})");
        }

        if (generator.ExitCode != 0)
        {
            throw new InvalidOperationException($"the generator exited with {generator.ExitCode} ({generator.CommandLine}): {generator.Errors().Trim()}");
        }

        var output = generator.Output().Trim();
        try
        {
            using var document = JsonDocument.Parse(output);
            return Parse(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidOperationException($"the generator's output is not its JSON result ({e.Message}): {output}", e);
        }
    }

    internal static Fig6Row Parse(JsonElement json)
    {
        var latency = json.GetProperty("latency_us");
        var replies = json.GetProperty("replies");
        return new Fig6Row(
            json.GetProperty("offered_rate").GetInt64(),
            json.GetProperty("send_rate").GetDouble(),
            json.GetProperty("answered_rate").GetDouble(),
            json.GetProperty("loss_percent").GetDouble(),
            latency.GetProperty("p50").GetDouble(),
            latency.GetProperty("p99").GetDouble(),
            replies.GetProperty("positive").GetInt64(),
            replies.GetProperty("negative").GetInt64(),
            json.GetProperty("valid").GetBoolean(),
            json.GetProperty("generator_lag").GetProperty("skipped").GetInt64());
    }

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0}ms");
}
