using Loci.Config;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.MapResolvers;
using Loci.Wire;

namespace Loci.Tests.Config;

public class ConfigToOptionsTests
{
    [Fact]
    public void Map_AllSections_ProduceValidRoleOptions()
    {
        var config = NodeConfigLoader.Parse("""
            {
              "map_server": { "bind": ["127.0.0.20"], "sites": [{ "name": "s", "keys": [{ "key_id": 3, "algorithm": "sha1", "password": "p" }], "prefixes": ["10.1.0.0/16"] }] },
              "ddt": { "bind": ["127.0.0.10"], "authoritative": ["0.0.0.0/0"], "delegations": [{ "prefix": "10.0.0.0/8", "kind": "map-server", "rlocs": [{ "address": "127.0.0.20", "priority": 2, "weight": 7 }] }] },
              "map_resolver": { "bind": ["127.0.0.30"], "ddt_roots": ["127.0.0.10"], "retries": 1 }
            }
            """);

        var ms = ConfigToOptions.MapServer(config.MapServer!);
        ms.Validate();
        var key = Assert.Single(Assert.Single(ms.Sites).Keys);
        Assert.Equal((3, AuthAlgorithm.HmacSha1_96, "p"), (key.KeyId, key.Algorithm, key.Password));
        Assert.True(ms.Sites[0].AcceptMoreSpecifics);

        var ddt = ConfigToOptions.Ddt(config.Ddt!);
        Assert.Empty(ddt.Validate());
        var delegation = Assert.Single(ddt.Delegations);
        Assert.Equal(DdtDelegationKind.MapServer, delegation.Kind);
        Assert.Equal(new DdtReferralTarget(System.Net.IPAddress.Parse("127.0.0.20"), 2, 7), Assert.Single(delegation.Targets));

        var mr = ConfigToOptions.MapResolver(config.MapResolver!);
        Assert.Empty(mr.Validate());
        Assert.Equal(MapResolverMode.Ddt, mr.Mode);
        Assert.Equal(2, mr.AttemptsPerLocator);
    }
}
