using System.Net;
using Loci.Config;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Tests.Config;

public class XtrConfigLoaderTests
{
    private const string Good = """
        {
          "xtr": {
            "bind": ["127.0.0.101", "[::1]:4342"],
            "etr": {
              "xtr_id": "0x000102030405060708090a0b0c0d0e0f",
              "site_id": 7,
              "register_interval": "30s",
              "map_servers": [
                { "name": "ms-a", "address": "127.0.0.20", "key_id": 2, "algorithm": "sha256", "password": "site1-key" },
                { "name": "ms-b", "address": "[2001:db8::20]:4342", "algorithm": "sha1", "password": "other-key" },
              ],
              "database": [
                {
                  "prefix": "10.1.0.0/24",
                  "rlocs": [{ "address": "127.0.0.101", "priority": 1, "weight": 50 }, "127.0.0.102"],
                  "map_servers": ["ms-a"],
                },
                { "prefix": "2001:db8:1::/64", "rlocs": ["::1"], "proxy_reply": true, "ttl": "10m" },
              ],
            },
            "itr": {
              "map_resolvers": ["127.0.0.30", "[::1]:4342"],
              "rlocs": ["127.0.0.101"],
              "proxy_etrs": ["127.0.0.99"],
              "probe_interval": "off",
              "idle_timeout": "3m",
            },
          },
        }
        """;

    [Fact]
    public void Parse_GoodXtr_ReadsEtrAndItr()
    {
        var xtr = NodeConfigLoader.Parse(Good).Xtr!;

        Assert.Equal([IPEndPoint.Parse("127.0.0.101:4342"), IPEndPoint.Parse("[::1]:4342")], xtr.Bind);
        var etr = xtr.Etr!;
        Assert.Equal(UInt128.Parse("000102030405060708090a0b0c0d0e0f", System.Globalization.NumberStyles.AllowHexSpecifier, null), etr.XtrId);
        Assert.Equal(7UL, etr.SiteId);
        Assert.Equal(TimeSpan.FromSeconds(30), etr.RegisterInterval);
        Assert.True(etr.WantMapNotify);
        Assert.Equal(new EtrMapServerConfig("ms-a", IPEndPoint.Parse("127.0.0.20:4342"), new SiteKeyConfig(2, AuthAlgorithm.HmacSha256_128, "site1-key")), etr.MapServers[0]);
        Assert.Equal(new SiteKeyConfig(1, AuthAlgorithm.HmacSha1_96, "other-key"), etr.MapServers[1].Key);

        var first = etr.Database[0];
        Assert.Equal(EidPrefix.Parse("10.1.0.0/24"), first.Prefix);
        Assert.Equal([new LocatorConfig(IPAddress.Parse("127.0.0.101"), 1, 50), new LocatorConfig(IPAddress.Parse("127.0.0.102"))], first.Rlocs);
        Assert.Equal(["ms-a"], first.MapServers);
        Assert.False(first.ProxyReply);
        Assert.Null(first.Ttl);
        Assert.True(etr.Database[1].ProxyReply);
        Assert.Empty(etr.Database[1].MapServers);
        Assert.Equal(TimeSpan.FromMinutes(10), etr.Database[1].Ttl);

        var itr = xtr.Itr!;
        Assert.Equal([IPEndPoint.Parse("127.0.0.30:4342"), IPEndPoint.Parse("[::1]:4342")], itr.MapResolvers);
        Assert.Equal([IPAddress.Parse("127.0.0.101")], itr.Rlocs);
        Assert.Equal([IPEndPoint.Parse("127.0.0.99:4342")], itr.ProxyEtrs);
        Assert.Equal(TimeSpan.Zero, itr.ProbeInterval);
        Assert.Equal(TimeSpan.FromMinutes(3), itr.IdleTimeout);
    }

    [Fact]
    public void Ports_ForNetworksOffPort4342_ReachTheRoleOptions()
    {
        var config = NodeConfigLoader.Parse("""
            { "map_server": { "bind": ["127.0.0.20:5000"], "etr_control_port": 5000, "sites": [ { "name": "s", "prefixes": ["10.0.0.0/8"], "keys": [ { "algorithm": "sha1", "password": "k" } ] } ] },
              "map_resolver": { "bind": ["127.0.0.30:5000"], "ddt_roots": ["127.0.0.10:5000"], "referral_port": 5000 },
              "xtr": { "bind": ["127.0.0.101:5000"], "etr": { "smr_port": 5000, "map_servers": [ { "name": "m", "address": "127.0.0.20:5000", "algorithm": "sha1", "password": "k" } ],
                                                    "database": [ { "prefix": "10.1.0.0/24", "rlocs": ["127.0.0.101"] } ] } } }
            """);

        Assert.Equal(5000, ConfigToOptions.MapServer(config.MapServer!).EtrControlPort);
        Assert.Equal(5000, ConfigToOptions.MapResolver(config.MapResolver!).ReferralPort);
        var etr = XtrConfigToOptions.Etr(config.Xtr!.Etr!, config.Xtr.Bind);
        Assert.Equal(5000, etr.SmrPort);
        Assert.True(etr.Database[0].Locators[0].Local);
        Assert.Equal(4342, NodeConfigLoader.Parse("""{ "map_resolver": { "map_servers": ["127.0.0.20"] } }""").MapResolver!.ReferralPort);
    }

    [Theory]
    [InlineData("""{ "map_resolver": { "map_servers": ["127.0.0.20"], "referral_port": 0 } }""", 1, "map_resolver.referral_port", "expected 1 to 65535")]
    [InlineData("""{ "xtr": { } }""", 1, "xtr", "an etr section, an itr section or both")]
    [InlineData("""{ "xtr": { "itr": { "map_resolvers": [] } } }""", 1, "xtr.itr.map_resolvers", "at least one map-resolver")]
    [InlineData("""{ "xtr": { "itr": { "rlocs": ["127.0.0.1"] } } }""", 1, "xtr.itr.map_resolvers", "required")]
    [InlineData("""{ "xtr": { "itr": { "map_resolvers": ["127.0.0.30"], "probe_interval": "never" } } }""", 1, "xtr.itr.probe_interval", "positive duration")]
    [InlineData("""{ "xtr": { "etr": { "map_servers": [], "database": [{ "prefix": "10.1.0.0/24", "rlocs": ["127.0.0.1"], "map_servers": ["nowhere"] }] } } }""", 1, "xtr.etr.database[0].map_servers[0]", "no map-server named \"nowhere\" in xtr.etr.map_servers")]
    [InlineData("""{ "xtr": { "etr": { "map_servers": [{ "name": "a", "address": "127.0.0.20", "algorithm": "md5", "password": "k" }], "database": [] } } }""", 1, "xtr.etr.map_servers[0].algorithm", "expected \"sha1\" or \"sha256\"")]
    [InlineData("""{ "xtr": { "etr": { "map_servers": [{ "name": "a", "algorithm": "sha1", "password": "k" }], "database": [] } } }""", 1, "xtr.etr.map_servers[0].address", "required")]
    [InlineData("""{ "xtr": { "etr": { "map_servers": [], "database": [{ "prefix": "10.1.0.0/24", "rlocs": [] }] } } }""", 1, "xtr.etr.database[0].rlocs", "at least one locator")]
    [InlineData("""{ "xtr": { "etr": { "map_servers": [], "database": [{ "prefix": "10.1.0.0/24", "rlocs": [{ "address": "127.0.0.1", "weight": 256 }] }] } } }""", 1, "xtr.etr.database[0].rlocs[0].weight", "expected 0 to 255")]
    [InlineData("""{ "xtr": { "etr": { "map_servers": [], "database": [{ "prefix": "10.1.0.0/24", "rlocs": ["127.0.0.1"] }, { "prefix": "10.1.0.0/24", "rlocs": ["127.0.0.1"] }] } } }""", 1, "xtr.etr.database[1].prefix", "in the database twice")]
    [InlineData("""{ "xtr": { "etr": { "map_servers": [], "database": [] } } }""", 1, "xtr.etr.map_servers", "at least one map-server")]
    [InlineData("""{ "xtr": { "etr": { "map_servers": [], "database": [] } } }""", 1, "xtr.etr.database", "at least one EID prefix")]
    [InlineData("""{ "xtr": { "etr": { "xtr_id": "xyz", "map_servers": [], "database": [] } } }""", 1, "xtr.etr.xtr_id", "hexadecimal")]
    [InlineData("""{ "bind": ["127.0.0.1"], "ddt": { "authoritative": ["0.0.0.0/0"] }, "xtr": { "itr": { "map_resolvers": ["127.0.0.30"] } } }""", 1, "xtr.bind", "already used by ddt")]
    public void Parse_BadXtr_ReportsPathAndMessage(string json, int line, string path, string fragment)
    {
        var error = Assert.Throws<ConfigException>(() => NodeConfigLoader.Parse(json, "node.json"));
        Assert.Contains(error.Errors, e => e.Line == line && e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal));
    }
}
