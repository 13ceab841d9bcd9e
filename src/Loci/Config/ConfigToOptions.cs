using System.Net;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.MapResolvers;
using Loci.ControlPlane.MapServers;

namespace Loci.Config;

/// <summary>
/// Maps the file's sections onto the roles' option records. The file says what an operator
/// decides; role tunables the file does not expose keep the role's documented defaults.
/// </summary>
public static class ConfigToOptions
{
    public static MapServerOptions MapServer(MapServerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new MapServerOptions
        {
            EidSpace = config.EidSpace,
            Sites = [.. config.Sites.Select(site => new SiteOptions
            {
                Name = site.Name,
                Keys = [.. site.Keys.Select(key => new SiteKeyOptions { KeyId = key.KeyId, Algorithm = key.Algorithm, Password = key.Password })],
                AllowedPrefixes = site.Prefixes,
                AcceptMoreSpecifics = site.AcceptMoreSpecifics,
                AllowedRlocs = site.AllowedRlocs,
            })],
            EtrControlPort = config.EtrControlPort,
        };
    }

    public static DdtNodeOptions Ddt(DdtConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new DdtNodeOptions
        {
            AuthoritativePrefixes = config.Authoritative,
            Delegations = [.. config.Delegations.Select(d => new DdtDelegation(
                d.Prefix,
                d.Kind == DelegationTarget.DdtNode ? DdtDelegationKind.DdtNode : DdtDelegationKind.MapServer,
                [.. d.Rlocs.Select(r => new DdtReferralTarget(r.Address.Address, r.Priority, r.Weight))]))],
        };
    }

    public static MapResolverOptions MapResolver(MapResolverConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ddt = config.DdtRoots.Count > 0;
        return new MapResolverOptions
        {
            Mode = ddt ? MapResolverMode.Ddt : MapResolverMode.MapServerList,
            DdtRoots = [.. config.DdtRoots.OrderBy(r => r.Priority).Select(r => r.Address)],
            MapServers = [.. config.MapServers.Select(endpoint => new MapServerTarget(endpoint))],
            MaxReferrals = config.MaxReferrals,
            RetransmitTimeout = config.RequestTimeout,
            AttemptsPerLocator = config.Retries + 1,
            ReferralPort = config.ReferralPort,
        };
    }

    /// <summary>The endpoints a role listens on (its own bind, else the node's).</summary>
    public static IReadOnlyList<IPEndPoint> Endpoints(NodeConfig node, IReadOnlyList<IPEndPoint> roleBind) =>
        NodeConfigLoader.EffectiveBind(node, roleBind);
}
