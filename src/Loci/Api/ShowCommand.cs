using System.Globalization;
using System.Net;
using System.Text.Json;
using Loci.Cli;

namespace Loci.Api;

/// <summary>`loci show sites|registrations|delegations|referrals|pending|stats|map-cache|database|etr|runtime [--json] [--api ADDRESS:PORT]`: reads a running node's API.</summary>
internal static class ShowCommand
{
    private static readonly string[] Views = ["sites", "registrations", "delegations", "referrals", "pending", "stats", "map-cache", "database", "etr", "runtime"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var view = args.FirstOrDefault();
        var json = args.Contains("--json");
        var apiIndex = Array.IndexOf(args, "--api");
        var api = apiIndex >= 0 && apiIndex + 1 < args.Length ? args[apiIndex + 1] : "127.0.0.1:9242";
        if (view is null || !Views.Contains(view) || !IPEndPoint.TryParse(api, out var endpoint))
        {
            stderr.WriteLine($"usage: loci show {string.Join('|', Views)} [--json] [--api ADDRESS:PORT]   (default API 127.0.0.1:9242)");
            return ExitCodes.Usage;
        }

        string body;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            body = http.GetStringAsync(new Uri($"http://{api}/api/{view}")).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            stderr.WriteLine($"loci show: no node API at {endpoint} ({ex.Message}). Is `loci run` or `loci demo --keep-running` up?");
            return ExitCodes.IoError;
        }

        if (json)
        {
            stdout.WriteLine(body);
            return ExitCodes.Ok;
        }

        if (view == "runtime")
        {
            // One object, not a list: labelled lines rather than one key=value line per item.
            foreach (var line in RuntimeText.Lines(JsonSerializer.Deserialize<RuntimeView>(body)!))
            {
                stdout.WriteLine(line);
            }

            return ExitCodes.Ok;
        }

        using var document = JsonDocument.Parse(body);
        if (document.RootElement.GetArrayLength() == 0)
        {
            stdout.WriteLine($"no {view}");
        }

        foreach (var item in document.RootElement.EnumerateArray())
        {
            stdout.WriteLine(string.Join("  ", item.EnumerateObject().Select(p => $"{p.Name}={Flatten(p.Value)}")));
        }

        return ExitCodes.Ok;
    }

    private static string Flatten(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Flatten)) + "]",
        JsonValueKind.Object => "{" + string.Join(" ", value.EnumerateObject().Select(p => $"{p.Name}={Flatten(p.Value)}")) + "}",
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null => "-",
        _ => value.GetRawText().ToString(CultureInfo.InvariantCulture),
    };
}
