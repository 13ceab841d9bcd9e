using System.Diagnostics;
using System.Globalization;
using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Diagnostics;
using Loci.Node;
using Loci.Prefixes;
using Loci.Wire;
using Loci.Wire.Formatting;

namespace Loci.Demo;

/// <summary>The demo's steps over a running loopback network: registrations, lookups, map-cache, the move of site2.</summary>
internal sealed class DemoScript(IReadOnlyList<LociNode> nodes, TextWriter stdout)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly EidPrefix Site2Prefix = EidPrefix.Parse("10.2.0.0/24");
    private static readonly IPAddress MovedTo = IPAddress.Parse("127.0.0.105");

    private Itr Itr => nodes.Single(n => n.Itr is not null).Itr!;

    private LociNode Site2 => nodes.Single(n => n.Etr?.Options.Database.Any(p => p.Prefix == Site2Prefix) == true);

    /// <summary>Waits for every ETR's Map-Notifies (they register on their own at start) and prints what each registered where.</summary>
    public bool AwaitRegistrations()
    {
        var etrs = nodes.Where(n => n.Etr is not null).ToArray();
        var deadline = Stopwatch.StartNew();
        while (!etrs.All(n => n.Etr!.AllRegistered) && deadline.Elapsed < Timeout)
        {
            Thread.Sleep(20);
        }

        stdout.WriteLine("Registrations (each site's ETR, want-map-notify):");
        var all = true;
        foreach (var node in etrs)
        {
            var etr = node.Etr!;
            foreach (var server in etr.GetMapServers())
            {
                var options = etr.Options.MapServers.Single(m => m.Name == server.Name);
                var prefixes = etr.Options.Database.Where(p => p.MapServers.Count == 0 || p.MapServers.Contains(server.Name));
                var algorithm = options.Algorithm == AuthAlgorithm.HmacSha1_96 ? "hmac-sha1" : "hmac-sha256";
                var state = server.Registered ? "map-notify verified" : "NOT CONFIRMED (" + server.State + ")";
                foreach (var prefix in prefixes)
                {
                    var proxy = prefix.ProxyReply ? "proxy-reply" : "ETR answers";
                    stdout.WriteLine($"  {prefix.Prefix,-18} xTR {XtrAddress(node),-11} -> {server.Address.Address} ({algorithm}, {proxy}): {state}");
                }

                all &= server.Registered;
            }
        }

        return all;
    }

    /// <summary>Resolves the documented EIDs through the ITR (RFC 9301 §6.1 ECM Map-Requests to the map-resolver).</summary>
    public bool LookupAll()
    {
        stdout.WriteLine("Lookups by the ITR 127.0.0.100 through the map-resolver 127.0.0.30:");
        var asDocumented = true;
        foreach (var lookup in DemoLookup.All)
        {
            var started = Stopwatch.GetTimestamp();
            var resolution = Itr.ResolveAsync(EidPrefix.Parse(lookup.Eid)).WaitAsync(Timeout).GetAwaiter().GetResult();
            var elapsed = Stopwatch.GetElapsedTime(started);
            var entry = resolution.Entry;
            var from = entry?.AnsweredBy?.Address.ToString();
            var ok = entry is not null && entry.IsNegative != lookup.ExpectPositive && from == lookup.ExpectedFrom;
            asDocumented &= ok;
            var answer = entry is null ? $"no answer ({resolution.Status})" : Describe(entry);
            var who = entry?.AnsweredBy is { } by ? $" from {by} in {elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms" : string.Empty;
            stdout.WriteLine($"  {lookup.Eid,-15} -> {answer}{who}  ({lookup.Expectation}{(ok ? string.Empty : "; UNEXPECTED")})");
        }

        // The map-resolver also listens on [::1]: the same IPv6 EID, asked over IPv6 as lig does.
        using var probe = ProbeSocket.Open(DemoLookup.Resolver6);
        var nonce = ProbeSocket.NewNonce();
        var reply = probe.Exchange(probe.Request(IPAddress.Parse("2001:db8:1::7"), nonce, ddtOriginated: false), DemoLookup.Resolver6, nonce, Timeout);
        var record = (reply?.Message as MapReply)?.Records.FirstOrDefault();
        // The map-server forwards the request to site1's ETR, which answers the ITR-RLOC ::1 directly.
        var v6ok = record is { IsNegative: false, Authoritative: true };
        asDocumented &= v6ok;
        var text = record is null ? "no answer" : $"{record.Prefix} [{string.Join(", ", record.Locators.Select(l => $"{l.Rloc} {l.Priority}/{l.Weight}"))}] ttl {record.Ttl} min";
        var v6who = reply is null ? string.Empty : $" from {ProbeText.Endpoint(reply.From)} in {ProbeText.Milliseconds(reply.RoundTrip)}";
        stdout.WriteLine($"  lig over [::1]  2001:db8:1::7 -> {text}{v6who}  (IPv6 transport; site1's ETR answers{(v6ok ? string.Empty : "; UNEXPECTED")})");
        return asDocumented;
    }

    public void ShowMapCache(string title)
    {
        stdout.WriteLine(title);
        foreach (var entry in Itr.MapCache.OrderBy(e => e.Prefix.ToString(), StringComparer.Ordinal))
        {
            var what = entry.IsNegative
                ? $"negative, {FormatNames.ActionName(entry.Action)}"
                : string.Join(", ", entry.Locators.Select(l => $"{l.Address} {l.Priority}/{l.Weight} {(l.IsUp ? "up" : "down")}"));
            stdout.WriteLine($"  {entry.Prefix,-18} {what}; ttl {entry.TtlMinutes} min, from {entry.AnsweredBy}");
        }
    }

    /// <summary>
    /// site2 moves 10.2.0.0/24 from RLOC 127.0.0.103 to 127.0.0.105 (seed 003's VM mobility case):
    /// its ETR sends an SMR to the ITR that asked, the ITR sends an SMR-invoked Map-Request through
    /// the mapping system and replaces its cache entry (RFC 9301 §6.1).
    /// </summary>
    public bool MoveSite2()
    {
        var site2 = Site2;
        var itr = Itr;
        stdout.WriteLine("Mapping change: site2 moves 10.2.0.0/24 from RLOC 127.0.0.103 to 127.0.0.105");
        stdout.WriteLine($"  before: {Site2Line(itr)}");
        var smrsBefore = site2.Etr!.Counters.SmrsSent;
        var invokedBefore = itr.Counters[ItrCounter.SmrInvokedSent];
        var started = Stopwatch.StartNew();
        site2.Etr.UpdateMapping(Site2Prefix, [new LocatorRecord(new InetAddress(MovedTo), 1, 100, Local: true)]);
        while (!HoldsMovedLocator(itr) && started.Elapsed < Timeout)
        {
            Thread.Sleep(10);
        }

        var moved = HoldsMovedLocator(itr);
        stdout.WriteLine($"  ETR {XtrAddress(site2)} sent {site2.Etr.Counters.SmrsSent - smrsBefore} SMR(s) to the ITR and re-registered; "
            + $"the ITR sent {itr.Counters[ItrCounter.SmrInvokedSent] - invokedBefore} SMR-invoked Map-Request(s)");
        stdout.WriteLine($"  after:  {Site2Line(itr)}  ({(moved ? $"updated in {started.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms" : "NOT UPDATED; UNEXPECTED")})");
        stdout.WriteLine("  (the ITR asked for 10.2.0.7 moments ago, so it holds the SMR-invoked request until a second has passed:");
        stdout.WriteLine("   RFC 9301 allows one Map-Request per second per EID)");
        return moved;
    }

    private static bool HoldsMovedLocator(Itr itr) =>
        itr.MapCache.FirstOrDefault(e => e.Prefix == Site2Prefix) is { } entry && entry.Locators.Any(l => l.Address.Equals(MovedTo));

    private static string Site2Line(Itr itr) =>
        itr.MapCache.FirstOrDefault(e => e.Prefix == Site2Prefix) is { } entry ? Describe(entry) : "10.2.0.0/24 not cached";

    private static string Describe(MapCacheEntry entry) => entry.IsNegative
        ? $"negative {entry.Prefix} {FormatNames.ActionName(entry.Action)} ttl {entry.TtlMinutes} min"
        : $"{entry.Prefix} [{string.Join(", ", entry.Locators.Select(l => $"{l.Address} {l.Priority}/{l.Weight}"))}] ttl {entry.TtlMinutes} min";

    private static string XtrAddress(LociNode node) =>
        node.XtrEndpoints[0].Address.ToString();
}
