using System.Net;
using Loci.Config;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Tests.Config;

public class NodeConfigLoaderTests
{
    private const string Good = """
        {
          // A node running all three roles, each on its own address.
          "bind": ["127.0.0.1"],
          "api": "127.0.0.1:9300",
          "map_server": {
            "bind": ["127.0.0.20", "[::1]:4342"],
            "eid_space": ["10.0.0.0/8"],
            "sites": [
              {
                "name": "site1",
                "keys": [
                  { "key_id": 1, "algorithm": "sha1", "password": "site1-key" },
                  { "key_id": 2, "algorithm": "sha256", "password": "site1-key" },
                ],
                "prefixes": ["10.1.0.0/16", "2001:db8:1::/48"],
                "allowed_rlocs": ["127.0.0.101", "192.0.2.0/24"],
              },
              { "name": "site2", "keys": [{ "algorithm": "sha256", "password": "k2" }], "prefixes": ["10.2.0.0/16"], "accept_more_specifics": false },
            ],
          },
          "ddt": {
            "bind": ["127.0.0.10"],
            "authoritative": ["0.0.0.0/0", "::/0"],
            "delegations": [
              { "prefix": "10.0.0.0/8", "kind": "ddt-node", "rlocs": [{ "address": "127.0.0.11", "priority": 1, "weight": 50 }, "127.0.0.12"] },
              { "prefix": "2001:db8::/32", "kind": "map-server", "rlocs": ["127.0.0.20:4342"] },
            ],
          },
          "map_resolver": {
            "bind": ["127.0.0.30"],
            "ddt_roots": ["127.0.0.10"],
            "max_referrals": 6,
            "request_timeout": "500ms",
          },
        }
        """;

    [Fact]
    public void Parse_GoodConfig_ReadsEverySection()
    {
        var config = NodeConfigLoader.Parse(Good);

        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 4342)], config.Bind);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9300), config.Api);

        var ms = config.MapServer!;
        Assert.Equal([IPEndPoint.Parse("127.0.0.20:4342"), IPEndPoint.Parse("[::1]:4342")], ms.Bind);
        Assert.Equal([EidPrefix.Parse("10.0.0.0/8")], ms.EidSpace);
        Assert.Equal(2, ms.Sites.Count);
        var site1 = ms.Sites[0];
        Assert.Equal("site1", site1.Name);
        Assert.Equal(new SiteKeyConfig(1, AuthAlgorithm.HmacSha1_96, "site1-key"), site1.Keys[0]);
        Assert.Equal(AuthAlgorithm.HmacSha256_128, site1.Keys[1].Algorithm);
        Assert.True(site1.AcceptMoreSpecifics);
        Assert.Equal([EidPrefix.Parse("127.0.0.101/32"), EidPrefix.Parse("192.0.2.0/24")], site1.AllowedRlocs);
        Assert.False(ms.Sites[1].AcceptMoreSpecifics);
        Assert.Equal(1, ms.Sites[1].Keys[0].KeyId);

        var ddt = config.Ddt!;
        Assert.Equal(2, ddt.Authoritative.Count);
        Assert.Equal(DelegationTarget.DdtNode, ddt.Delegations[0].Kind);
        Assert.Equal(new RlocConfig(IPEndPoint.Parse("127.0.0.11:4342"), 1, 50), ddt.Delegations[0].Rlocs[0]);
        Assert.Equal(new RlocConfig(IPEndPoint.Parse("127.0.0.12:4342")), ddt.Delegations[0].Rlocs[1]);
        Assert.Equal(DelegationTarget.MapServer, ddt.Delegations[1].Kind);

        var mr = config.MapResolver!;
        Assert.Equal(IPEndPoint.Parse("127.0.0.10:4342"), mr.DdtRoots[0].Address);
        Assert.Equal(6, mr.MaxReferrals);
        Assert.Equal(TimeSpan.FromMilliseconds(500), mr.RequestTimeout);
        Assert.Equal(2, mr.Retries);
    }

    [Fact]
    public void Parse_NoBind_DefaultsToAllAddressesPort4342AndApiOnLoopback()
    {
        var config = NodeConfigLoader.Parse("""{ "ddt": { "authoritative": ["0.0.0.0/0"] } }""");
        Assert.Equal([new IPEndPoint(IPAddress.Any, 4342), new IPEndPoint(IPAddress.IPv6Any, 4342)], config.Bind);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9242), config.Api);
        Assert.Equal(config.Bind, NodeConfigLoader.EffectiveBind(config, config.Ddt!.Bind));
    }

    [Fact]
    public void Parse_BadAlgorithm_NamesFileLineAndKeyPath()
    {
        var json = Good.Replace("\"algorithm\": \"sha256\", \"password\": \"site1-key\"", "\"algorithm\": \"md5\", \"password\": \"site1-key\"", StringComparison.Ordinal);
        var error = Assert.Throws<ConfigException>(() => NodeConfigLoader.Parse(json));
        var only = Assert.Single(error.Errors);
        Assert.Equal("config.json line 13: map_server.sites[0].keys[1].algorithm: expected \"sha1\" or \"sha256\", got \"md5\"", only.ToString());
        Assert.Equal(only.ToString(), error.Message);
    }

    [Theory]
    [InlineData("""{ "ddt": { "authoritative": ["10.0.0.0/33"] } }""", 1, "ddt.authoritative[0]", "10.0.0.0/33")]
    [InlineData("""{ "ddt": { "authoritative": ["0.0.0.0/0"], "delegation": [] } }""", 1, "ddt.delegation", "unknown key")]
    [InlineData("""{ "ddt": { "authoritative": ["10.0.0.0/8"], "delegations": [{ "prefix": "11.0.0.0/8", "kind": "ddt-node", "rlocs": ["127.0.0.1"] }] } }""", 1, "ddt.delegations[0].prefix", "outside the authoritative")]
    [InlineData("""{ "ddt": { "authoritative": ["0.0.0.0/0"], "delegations": [{ "prefix": "10.0.0.0/8", "kind": "dns", "rlocs": ["127.0.0.1"] }] } }""", 1, "ddt.delegations[0].kind", "expected \"ddt-node\" or \"map-server\", got \"dns\"")]
    [InlineData("""{ "ddt": { "authoritative": ["0.0.0.0/0"], "delegations": [{ "prefix": "10.0.0.0/8", "kind": "ddt-node", "rlocs": [{ "address": "127.0.0.1", "priority": 300 }] }] } }""", 1, "ddt.delegations[0].rlocs[0].priority", "expected 0 to 255, got 300")]
    [InlineData("""{ "map_resolver": { "ddt_roots": ["127.0.0.10"], "map_servers": ["127.0.0.20"] } }""", 1, "map_resolver", "not both")]
    [InlineData("""{ "map_resolver": { "map_servers": ["not-an-address"] } }""", 1, "map_resolver.map_servers[0]", "expected an address")]
    [InlineData("""{ "map_resolver": { "map_servers": ["127.0.0.20"], "request_timeout": "soon" } }""", 1, "map_resolver.request_timeout", "positive duration")]
    [InlineData("""{ "map_server": { "sites": [{ "name": "a", "keys": [], "prefixes": ["10.0.0.0/8"] }] } }""", 1, "map_server.sites[0].keys", "at least one key")]
    [InlineData("""{ "map_server": { "sites": [{ "name": "a", "keys": [{ "algorithm": "sha1" }], "prefixes": ["10.0.0.0/8"] }] } }""", 1, "map_server.sites[0].keys[0].password", "required")]
    [InlineData("""{ "map_server": { "sites": [{ "name": "a", "keys": [{ "key_id": 256, "algorithm": "sha1", "password": "x" }], "prefixes": ["10.0.0.0/8"] }] } }""", 1, "map_server.sites[0].keys[0].key_id", "expected 0 to 255")]
    [InlineData("""{ "bind": ["127.0.0.1"], "ddt": { "authoritative": ["0.0.0.0/0"] }, "map_resolver": { "map_servers": ["127.0.0.20"] } }""", 1, "map_resolver.bind", "already used by ddt")]
    [InlineData("""{ "api": 9242, "ddt": { "authoritative": ["0.0.0.0/0"] } }""", 1, "api", "expected an address")]
    [InlineData("""{ }""", 1, "", "no role configured")]
    [InlineData("[]", 1, "", "expected an object")]
    public void Parse_BadConfig_ReportsPathAndMessage(string json, int line, string path, string fragment)
    {
        var error = Assert.Throws<ConfigException>(() => NodeConfigLoader.Parse(json, "node.json"));
        Assert.Contains(error.Errors, e => e.Line == line && e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal) && e.File == "node.json");
    }

    [Fact]
    public void Parse_InvalidJson_ReportsLine()
    {
        var error = Assert.Throws<ConfigException>(() => NodeConfigLoader.Parse("{\n  \"ddt\": {\n    \"authoritative\": [\"0.0.0.0/0\"\n  }\n}"));
        var only = Assert.Single(error.Errors);
        Assert.Equal(4, only.Line);
        Assert.StartsWith("config.json line 4: not valid JSON: ", only.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralErrors_ReportsAllWithTheirLines()
    {
        const string json = """
            {
              "ddt": {
                "authoritative": ["0.0.0.0/0"],
                "delegations": [
                  { "prefix": "10.0.0.0/8", "kind": "ddt-node", "rlocs": ["127.0.0.1"] },
                  { "prefix": "bogus", "kind": "ddt-node", "rlocs": ["127.0.0.1"] },
                  { "prefix": "11.0.0.0/8", "kind": "ddt-node", "rlocs": ["256.0.0.1"] }
                ]
              }
            }
            """;
        var error = Assert.Throws<ConfigException>(() => NodeConfigLoader.Parse(json));
        Assert.Collection(
            error.Errors,
            e => Assert.Equal((6, "ddt.delegations[1].prefix"), (e.Line, e.Path)),
            e => Assert.Equal((7, "ddt.delegations[2].rlocs[0]"), (e.Line, e.Path)));
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var error = Assert.Throws<ConfigException>(() => NodeConfigLoader.Load("/nonexistent/loci.json"));
        Assert.Contains("cannot read the file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1m", 60_000)]
    [InlineData("3", 3000)]
    public void DurationText_Forms_Parse(string text, int milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:4342")]
    [InlineData("127.0.0.1:99", "127.0.0.1:99")]
    [InlineData("::1", "[::1]:4342")]
    [InlineData("[::1]", "[::1]:4342")]
    [InlineData("[::1]:99", "[::1]:99")]
    public void EndpointText_Forms_Parse(string text, string expected)
    {
        Assert.True(EndpointText.TryParse(text, 4342, out var endpoint));
        Assert.Equal(IPEndPoint.Parse(expected), endpoint);
    }
}
