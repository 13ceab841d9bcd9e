using System.Globalization;
using System.Net;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.MapResolvers;
using Loci.ControlPlane.MapServers;
using Loci.ControlPlane.Observability;
using Loci.Node;
using Loci.Wire;

namespace Loci.Api;

/// <summary>
/// JSON projections of the roles' snapshots for the management API: plain names and strings
/// (addresses, prefixes, hex IDs), stable for scripts and for `loci show`.
/// </summary>
internal static class ApiViews
{
    public static object Sites(IEnumerable<LociNode> nodes) =>
        nodes.Where(n => n.MapServer is not null).SelectMany(n => n.MapServer!.GetSites().Select(s => new
        {
            map_server = Text(n.MapServer!.LocalEndpoint),
            name = s.Name,
            prefixes = s.AllowedPrefixes.Select(p => p.ToString()).ToArray(),
            accept_more_specifics = s.AcceptMoreSpecifics,
            key_ids = s.KeyIds,
            registered_prefixes = s.RegisteredPrefixes,
            auth_failures = s.AuthFailures,
        })).ToArray();

    public static object Registrations(IEnumerable<LociNode> nodes) =>
        nodes.Where(n => n.MapServer is not null).SelectMany(n => n.MapServer!.GetRegistrations().Select(r => new
        {
            map_server = Text(n.MapServer!.LocalEndpoint),
            prefix = r.Prefix.ToString(),
            site = r.Site,
            xtr_id = r.XtrId?.ToString("x32", CultureInfo.InvariantCulture),
            site_id = r.SiteId?.ToString("x16", CultureInfo.InvariantCulture),
            proxy_reply = r.ProxyReply,
            registered_at = r.RegisteredAt,
            expires_at = r.ExpiresAt,
            last_source = Text(r.LastSource),
            locators = r.Locators.Select(Locator).ToArray(),
        })).ToArray();

    public static object Delegations(IEnumerable<LociNode> nodes) =>
        nodes.Where(n => n.DdtNode is not null).SelectMany(n => n.DdtNode!.Delegations.Select(d => new
        {
            ddt_node = Endpoint(n, "ddt-node"),
            prefix = d.Prefix.ToString(),
            kind = d.Kind == DdtDelegationKind.DdtNode ? "ddt-node" : "map-server",
            targets = d.Targets.Select(Target).ToArray(),
        })).ToArray();

    public static object Referrals(IEnumerable<LociNode> nodes) =>
        nodes.Where(n => n.MapResolver is not null).SelectMany(n => n.MapResolver!.ReferralCache.Select(r => new
        {
            map_resolver = Endpoint(n, "map-resolver"),
            prefix = r.Prefix.ToString(),
            kind = r.Kind.ToString(),
            negative = r.IsNegative,
            source = r.Source?.ToString(),
            created = r.Created,
            expires = r.Expires,
            locators = r.Locators.Select(Target).ToArray(),
        })).ToArray();

    public static object Pending(IEnumerable<LociNode> nodes) =>
        nodes.Where(n => n.MapResolver is not null).SelectMany(n => n.MapResolver!.PendingRequests.Select(p => new
        {
            map_resolver = Endpoint(n, "map-resolver"),
            nonce = p.Nonce.ToString("x16", CultureInfo.InvariantCulture),
            eid = p.Eid.ToString(),
            itr = Text(p.Itr),
            started = p.Started,
            referrals_followed = p.ReferralsFollowed,
            last_sent_to = p.LastSentTo is null ? null : Text(p.LastSentTo),
            attempts = p.AttemptsOnLocator,
        })).ToArray();

    public static object Stats(IEnumerable<LociNode> nodes) =>
        nodes.SelectMany(n => n.Runners.Select(r => new
        {
            role = r.Options.Name,
            endpoints = r.Endpoints.Select(e => Text(e.LocalEndpoint)).ToArray(),
            counters = Counters(n, r.Options.Name),
            queues = new
            {
                registration_enqueued = r.RegistrationEnqueued,
                registration_dropped = r.RegistrationDropped,
                resolution_enqueued = r.ResolutionEnqueued,
                resolution_dropped = r.ResolutionDropped,
                role_errors = r.RoleErrors,
            },

            // Node-wide (repeated for each role): datagrams between the node's own roles handed over in-process.
            local_delivery = n.LocalDelivery is { } local ? new { delivered = local.Delivered, fell_back = local.FellBack } : null,
            latency = new
            {
                queues = r.Latencies.Select(q => new { queue = q.Queue, processing = Quantiles(q.Processing), waiting = Quantiles(q.Waiting) }).ToArray(),
                resolution = r.Options.Name == "map-resolver" && n.MapResolver is not null ? Quantiles(n.MapResolver.ResolutionLatency) : null,
            },
        })).ToArray();

    /// <summary>Cumulative since start; milliseconds for people (the metrics histograms are in seconds).</summary>
    private static object Quantiles(LatencySummary s) => new
    {
        count = s.Count,
        p50_ms = Math.Round(s.P50 * 1000, 4),
        p90_ms = Math.Round(s.P90 * 1000, 4),
        p99_ms = Math.Round(s.P99 * 1000, 4),
    };

    private static IReadOnlyDictionary<string, long> Counters(LociNode node, string role) => role switch
    {
        "map-server" when node.MapServer is not null => node.MapServer.Counters.ToDictionary(),
        "ddt-node" when node.DdtNode is not null => node.DdtNode.Counters.Snapshot(),
        "map-resolver" when node.MapResolver is not null => node.MapResolver.Counters.Snapshot(),
        _ => new Dictionary<string, long>(),
    };

    private static object Locator(LocatorRecord l) => new
    {
        rloc = l.Rloc.Format(),
        priority = l.Priority,
        weight = l.Weight,
        reachable = l.Reachable,
    };

    private static object Target(DdtReferralTarget t) => new { address = t.Address.ToString(), priority = t.Priority, weight = t.Weight };

    private static string Endpoint(LociNode node, string role) =>
        string.Join(", ", node.Runners.Where(r => r.Options.Name == role).SelectMany(r => r.Endpoints).Select(e => Text(e.LocalEndpoint)));

    private static string Text(IPEndPoint endpoint) =>
        endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : endpoint.ToString();
}
