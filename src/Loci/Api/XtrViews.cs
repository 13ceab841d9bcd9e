using System.Globalization;
using Loci.ControlPlane.Xtr;
using Loci.Node;
using Loci.Wire.Formatting;

namespace Loci.Api;

/// <summary>JSON projections of the tunnel routers' state: the ITR's map-cache, the ETR's database and registrations.</summary>
internal static class XtrViews
{
    public static object MapCache(IEnumerable<LociNode> nodes) =>
        nodes.Where(n => n.Itr is not null).SelectMany(n => n.Itr!.MapCache.OrderBy(e => e.Prefix.ToString(), StringComparer.Ordinal).Select(e => Entry(n, e))).ToArray();

    public static object Entry(LociNode node, MapCacheEntry entry) => new
    {
        itr = Endpoint(node),
        prefix = entry.Prefix.ToString(),
        negative = entry.IsNegative,
        action = entry.IsNegative ? FormatNames.ActionName(entry.Action) : null,
        ttl_minutes = entry.TtlMinutes,
        answered = entry.Answered,
        expires = entry.Expires,
        last_used = entry.LastUsed,
        answered_by = entry.AnsweredBy?.ToString(),
        authoritative = entry.Authoritative,
        locators = entry.Locators.Select(l => new
        {
            address = l.Address.ToString(),
            priority = l.Priority,
            weight = l.Weight,
            up = l.IsUp,
            rtt_ms = l.LastRtt?.TotalMilliseconds,
        }).ToArray(),
    };

    public static object Database(IEnumerable<LociNode> nodes) =>
        nodes.Where(n => n.Etr is not null).SelectMany(n =>
        {
            var requesters = n.Etr!.GetRequesters();
            return n.Etr.GetDatabase().Select(p => new
            {
                etr = Endpoint(n),
                prefix = p.Prefix.ToString(),
                proxy_reply = p.ProxyReply,
                ttl_minutes = p.TtlMinutes,
                map_servers = p.MapServers.Count == 0 ? ["*"] : p.MapServers.ToArray(),
                locators = p.Locators.Select(l => new
                {
                    address = l.Rloc.ToString(),
                    priority = l.Priority,
                    weight = l.Weight,
                    local = l.Local,
                }).ToArray(),
                requesters = requesters.Where(r => r.Prefix == p.Prefix).Select(r => r.Address.ToString()).ToArray(),
            });
        }).ToArray();

    public static object Registrations(IEnumerable<LociNode> nodes) =>
        nodes.Where(n => n.Etr is not null).SelectMany(n => n.Etr!.GetMapServers().Select(s => new
        {
            etr = Endpoint(n),
            xtr_id = n.Etr.XtrId.ToString("x32", CultureInfo.InvariantCulture),
            map_server = s.Name,
            address = s.Address.ToString(),
            state = s.State.ToString(),
            prefixes = s.Prefixes,
            last_register_sent = s.LastRegisterSent,
            last_notify_received = s.LastNotifyReceived,
            registers_sent = s.RegistersSent,
            failures = s.Failures,
        })).ToArray();

    private static string Endpoint(LociNode node) =>
        node.XtrEndpoints.Count > 0 ? node.XtrEndpoints[0].ToString() : "-";
}
