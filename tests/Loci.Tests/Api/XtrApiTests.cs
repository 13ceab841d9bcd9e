using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Loci.Api;
using Loci.Cli;
using Loci.Config;
using Loci.Node;

namespace Loci.Tests.Api;

/// <summary>
/// The tunnel routers' API and CLI (issue 5) against a small network on loopback: a map-server, a
/// map-resolver asking it directly, a site xTR (ETR) and an ITR. SMRs go to port 4342, so these
/// nodes use port 4342 on 127.0.70.x, addresses no other test uses.
/// </summary>
public class XtrApiTests
{
    private const string MapServer = """
        { "map_server": { "bind": ["127.0.70.20"], "eid_space": ["10.70.0.0/16"],
          "sites": [ { "name": "s70", "prefixes": ["10.70.0.0/16"], "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "k70" } ] } ] } }
        """;

    private const string MapResolver = """
        { "map_resolver": { "bind": ["127.0.70.30"], "map_servers": ["127.0.70.20"] } }
        """;

    private const string SiteXtr = """
        { "xtr": { "bind": ["127.0.70.103", "127.0.70.105"], "etr": {
            "map_servers": [ { "name": "ms", "address": "127.0.70.20", "key_id": 0, "algorithm": "sha256", "password": "k70" } ],
            "database": [ { "prefix": "10.70.1.0/24", "rlocs": [ "127.0.70.103" ] } ] } } }
        """;

    private const string ItrXtr = """
        { "xtr": { "bind": ["127.0.70.100"], "itr": { "map_resolvers": ["127.0.70.30"], "probe_interval": "off" } } }
        """;

    [Fact]
    public async Task ResolveShowAndChangeMapping_ThroughTheApi_TheItrFollowsTheSmr()
    {
        var nodes = new List<LociNode>();
        try
        {
            foreach (var json in new[] { MapServer, MapResolver, SiteXtr, ItrXtr })
            {
                nodes.Add(LociNode.Start(NodeConfigLoader.Parse(json), TimeProvider.System));
            }

            await using var api = await NodeApi.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), nodes);
            var at = api.Endpoint.ToString();
            var etr = nodes[2].Etr!;
            Assert.True(WaitFor(() => etr.AllRegistered), "the ETR was not registered within 5 s");

            var resolved = new StringWriter();
            Assert.Equal(ExitCodes.Ok, XtrCommands.MapCache(["resolve", "10.70.1.7", "--api", at], resolved, new StringWriter()));
            Assert.Contains("10.70.1.7/32: Resolved", resolved.ToString(), StringComparison.Ordinal);
            Assert.Contains("10.70.1.0/24", resolved.ToString(), StringComparison.Ordinal);
            Assert.Contains("127.0.70.103 (1/100)", resolved.ToString(), StringComparison.Ordinal);
            Assert.Contains("from 127.0.70.103:4342 (authoritative)", resolved.ToString(), StringComparison.Ordinal);

            var database = Show("database", at);
            var mapping = Assert.Single(database.RootElement.EnumerateArray().ToArray());
            Assert.Equal("10.70.1.0/24", mapping.GetProperty("prefix").GetString());
            Assert.Equal("127.0.70.100", Assert.Single(mapping.GetProperty("requesters").EnumerateArray().ToArray()).GetString());
            var registration = Assert.Single(Show("etr", at).RootElement.EnumerateArray().ToArray());
            Assert.Equal("Registered", registration.GetProperty("state").GetString());

            var changed = new StringWriter();
            Assert.Equal(ExitCodes.Ok, XtrCommands.Database(["set", "10.70.1.0/24", "127.0.70.105,1,100", "--api", at], changed, new StringWriter()));
            Assert.True(WaitFor(() => Locators(Show("map-cache", at)).Contains("127.0.70.105")), "the ITR's cache did not follow the SMR within 5 s");

            // The ITR asked less than a second ago, so it defers its SMR-invoked request (one per second
            // per EID, RFC 9301) and the ETR may repeat its SMR once meanwhile.
            Assert.InRange(etr.Counters.SmrsSent, 1, 2);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    [Fact]
    public async Task BadRequests_ClearErrorsAndUsageExitCodes()
    {
        using var node = LociNode.Start(NodeConfigLoader.Parse("""{ "xtr": { "bind": ["127.0.0.1:0"], "itr": { "map_resolvers": ["127.0.0.1:9"] } } }"""), TimeProvider.System);
        await using var api = await NodeApi.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), [node]);
        var at = api.Endpoint.ToString();

        var errors = new StringWriter();
        Assert.Equal(ExitCodes.Usage, XtrCommands.Database(["set", "10.1.0.0/24", "127.0.0.9", "--api", at], new StringWriter(), errors));
        Assert.Contains("10.1.0.0/24 is not in the database of any ETR on this node", errors.ToString(), StringComparison.Ordinal);

        errors = new StringWriter();
        Assert.Equal(ExitCodes.Usage, XtrCommands.Database(["set", "10.1.0.0/24", "127.0.0.9,1", "--api", at], new StringWriter(), errors));
        Assert.Contains("bad locator \"127.0.0.9,1\"", errors.ToString(), StringComparison.Ordinal);

        errors = new StringWriter();
        Assert.Equal(ExitCodes.Usage, XtrCommands.MapCache(["resolve", "not-an-eid", "--api", at], new StringWriter(), errors));
        Assert.Contains("usage: loci map-cache resolve EID", errors.ToString(), StringComparison.Ordinal);
    }

    private static JsonDocument Show(string view, string api)
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, ShowCommand.Run([view, "--json", "--api", api], output, new StringWriter()));
        return JsonDocument.Parse(output.ToString());
    }

    private static string[] Locators(JsonDocument mapCache) =>
        [.. mapCache.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("prefix").GetString() == "10.70.1.0/24")
            .SelectMany(e => e.GetProperty("locators").EnumerateArray())
            .Select(l => l.GetProperty("address").GetString()!)];

    private static bool WaitFor(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(20);
        }

        return condition();
    }
}
