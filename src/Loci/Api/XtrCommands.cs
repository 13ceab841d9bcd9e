using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Loci.Cli;
using Loci.Prefixes;

namespace Loci.Api;

/// <summary>
/// `loci map-cache resolve EID` and `loci database set PREFIX RLOC[,PRIORITY,WEIGHT]...`: the tunnel
/// routers' two actions, run against a node's API (`loci show map-cache|database|etr` reads their state).
/// </summary>
internal static class XtrCommands
{
    private const string DefaultApi = "127.0.0.1:9242";

    public static int MapCache(string[] args, TextWriter stdout, TextWriter stderr)
    {
        const string usage = "usage: loci map-cache resolve EID [--json] [--api ADDRESS:PORT]   (asks the node's ITR; default API " + DefaultApi + ")";
        if (args.Length < 2 || args[0] != "resolve" || !EidPrefix.TryParse(args[1], out var eid) || !TryApi(args, out var api))
        {
            stderr.WriteLine(usage);
            return ExitCodes.Usage;
        }

        var status = Post(api, "/api/map-cache/resolve?eid=" + Uri.EscapeDataString(eid.ToString()), content: null, stderr, out var body);
        if (status != ExitCodes.Ok)
        {
            return status;
        }

        if (args.Contains("--json"))
        {
            stdout.WriteLine(body);
            return ExitCodes.Ok;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        stdout.WriteLine($"{root.GetProperty("eid").GetString()}: {root.GetProperty("status").GetString()} in {root.GetProperty("elapsed_ms").GetDouble().ToString("0.0", CultureInfo.InvariantCulture)} ms");
        if (root.GetProperty("entry") is { ValueKind: JsonValueKind.Object } entry)
        {
            stdout.WriteLine("  " + MapCacheText.Line(entry));
        }

        return ExitCodes.Ok;
    }

    public static int Database(string[] args, TextWriter stdout, TextWriter stderr)
    {
        const string usage = "usage: loci database set PREFIX RLOC[,PRIORITY,WEIGHT]... [--api ADDRESS:PORT]   (changes the ETR's mapping: SMRs and a re-registration follow)";
        var positional = args.TakeWhile(a => a != "--api").ToArray();
        if (positional.Length < 3 || positional[0] != "set" || !EidPrefix.TryParse(positional[1], out var prefix) || !TryApi(args, out var api))
        {
            stderr.WriteLine(usage);
            return ExitCodes.Usage;
        }

        var rlocs = new List<object>();
        foreach (var text in positional[2..])
        {
            var parts = text.Split(',');
            if (!IPAddress.TryParse(parts[0], out var address) || parts.Length is not (1 or 3)
                || (parts.Length == 3 && (!byte.TryParse(parts[1], CultureInfo.InvariantCulture, out _) || !byte.TryParse(parts[2], CultureInfo.InvariantCulture, out _))))
            {
                stderr.WriteLine($"loci database: bad locator \"{text}\": expected ADDRESS or ADDRESS,PRIORITY,WEIGHT (0-255)");
                return ExitCodes.Usage;
            }

            rlocs.Add(parts.Length == 1
                ? new { address = address.ToString() }
                : new { address = address.ToString(), priority = byte.Parse(parts[1], CultureInfo.InvariantCulture), weight = byte.Parse(parts[2], CultureInfo.InvariantCulture) });
        }

        var json = JsonSerializer.Serialize(new { prefix = prefix.ToString(), rlocs });
        var status = Post(api, "/api/database", json, stderr, out _);
        if (status == ExitCodes.Ok)
        {
            stdout.WriteLine($"{prefix}: locators set to {string.Join(", ", positional[2..])}; the ETR sends SMRs to recent requesters and re-registers");
        }

        return status;
    }

    private static bool TryApi(string[] args, out IPEndPoint api)
    {
        var index = Array.IndexOf(args, "--api");
        var text = index >= 0 && index + 1 < args.Length ? args[index + 1] : DefaultApi;
        return IPEndPoint.TryParse(text, out api!);
    }

    private static int Post(IPEndPoint api, string path, string? content, TextWriter stderr, out string body)
    {
        body = string.Empty;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            using var request = new StringContent(content ?? string.Empty, Encoding.UTF8, "application/json");
            using var response = http.PostAsync(new Uri($"http://{api}{path}"), request).GetAwaiter().GetResult();
            body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (response.IsSuccessStatusCode)
            {
                return ExitCodes.Ok;
            }

            stderr.WriteLine($"loci: the node said {(int)response.StatusCode}: {ErrorText(body)}");
            return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound ? ExitCodes.Usage : ExitCodes.IoError;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            stderr.WriteLine($"loci: no node API at {api} ({ex.Message}). Is `loci run` or `loci demo --keep-running` up?");
            return ExitCodes.IoError;
        }
    }

    private static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
