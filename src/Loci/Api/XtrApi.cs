using System.Net;
using System.Text.Json;
using Loci.ControlPlane.Xtr;
using Loci.Node;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Loci.Api;

/// <summary>
/// The tunnel routers' API: their state (read), and the two actions issue 5 gives operators, on the
/// loopback-only API: resolve an EID through the ITR (the entry point the data plane will share) and
/// change a local mapping at the ETR (which then sends SMRs and re-registers, RFC 9301 §6.1).
/// </summary>
internal static class XtrApi
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(15);

    public static void Map(WebApplication app, IReadOnlyList<LociNode> nodes)
    {
        app.MapGet("/api/map-cache", () => Results.Json(XtrViews.MapCache(nodes)));
        app.MapGet("/api/database", () => Results.Json(XtrViews.Database(nodes)));
        app.MapGet("/api/etr", () => Results.Json(XtrViews.Registrations(nodes)));
        app.MapPost("/api/map-cache/resolve", (string? eid, CancellationToken cancel) => ResolveAsync(nodes, eid, cancel));
        app.MapPost("/api/database", (HttpRequest request) => ChangeMappingAsync(nodes, request));
    }

    private static async Task<IResult> ResolveAsync(IReadOnlyList<LociNode> nodes, string? eidText, CancellationToken cancel)
    {
        if (nodes.FirstOrDefault(n => n.Itr is not null) is not { } node)
        {
            return Problem(StatusCodes.Status404NotFound, "this node runs no ITR (add xtr.itr to its configuration)");
        }

        if (!EidPrefix.TryParse(eidText, out var eid))
        {
            return Problem(StatusCodes.Status400BadRequest, $"eid: expected an EID such as 10.1.0.7 or 2001:db8:1::7, got \"{eidText}\"");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(ResolveTimeout);
        var started = TimeProvider.System.GetTimestamp();
        ItrResolution resolution;
        try
        {
            resolution = await node.Itr!.ResolveAsync(eid, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return Problem(StatusCodes.Status504GatewayTimeout, $"no answer for {eid} within {ResolveTimeout.TotalSeconds} s");
        }

        return Results.Json(new
        {
            eid = eid.ToString(),
            status = resolution.Status.ToString(),
            elapsed_ms = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds,
            entry = resolution.Entry is { } entry ? XtrViews.Entry(node, entry) : null,
        });
    }

    /// <summary>Body: <c>{"prefix": "10.2.0.0/24", "rlocs": [{"address": "127.0.0.105", "priority": 1, "weight": 100}]}</c>.</summary>
    private static async Task<IResult> ChangeMappingAsync(IReadOnlyList<LociNode> nodes, HttpRequest request)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "body is not JSON: " + ex.Message);
        }

        using (body)
        {
            if (!MappingChange.TryRead(body.RootElement, out var prefix, out var rlocs, out var error))
            {
                return Problem(StatusCodes.Status400BadRequest, error);
            }

            var node = nodes.FirstOrDefault(n => n.Etr?.GetDatabase().Any(p => p.Prefix == prefix) == true);
            if (node is null)
            {
                return Problem(StatusCodes.Status404NotFound, $"{prefix} is not in the database of any ETR on this node");
            }

            var locators = rlocs.Select(r => new LocatorRecord(new InetAddress(r.Address), r.Priority, r.Weight, Local: node.XtrEndpoints.Any(b => b.Address.Equals(r.Address)))).ToArray();
            node.Etr!.UpdateMapping(prefix, locators);
            return Results.Json(new { prefix = prefix.ToString(), rlocs = rlocs.Select(r => r.Address.ToString()).ToArray(), status = "accepted" });
        }
    }

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    /// <summary>Reads a mapping-change body; shared by the API and `loci database set` (which writes it).</summary>
    internal static class MappingChange
    {
        public static bool TryRead(JsonElement root, out EidPrefix prefix, out IReadOnlyList<(IPAddress Address, byte Priority, byte Weight)> rlocs, out string error)
        {
            prefix = default;
            rlocs = [];
            error = string.Empty;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("prefix", out var p) || p.ValueKind != JsonValueKind.String || !EidPrefix.TryParse(p.GetString(), out prefix))
            {
                error = "prefix: expected an EID prefix such as \"10.2.0.0/24\"";
                return false;
            }

            if (!root.TryGetProperty("rlocs", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                error = "rlocs: expected a non-empty list of {\"address\", \"priority\", \"weight\"}";
                return false;
            }

            var read = new List<(IPAddress, byte, byte)>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("address", out var a) || a.ValueKind != JsonValueKind.String || !IPAddress.TryParse(a.GetString(), out var address))
                {
                    error = "rlocs: every locator needs an \"address\" (IPv4 or IPv6)";
                    return false;
                }

                if (!TryByte(item, "priority", 1, out var priority) || !TryByte(item, "weight", 100, out var weight))
                {
                    error = "rlocs: priority and weight are integers from 0 to 255";
                    return false;
                }

                read.Add((address, priority, weight));
            }

            rlocs = read;
            return true;
        }

        private static bool TryByte(JsonElement item, string key, byte fallback, out byte value)
        {
            value = fallback;
            if (!item.TryGetProperty(key, out var element))
            {
                return true;
            }

            return element.ValueKind == JsonValueKind.Number && element.TryGetByte(out value);
        }
    }
}
