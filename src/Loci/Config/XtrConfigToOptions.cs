using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Wire;

namespace Loci.Config;

/// <summary>Maps the <c>xtr</c> section onto the ETR's and ITR's option records.</summary>
public static class XtrConfigToOptions
{
    /// <summary>The ETR's options. A locator whose address the xTR listens on is marked local (RFC 9301 §5.4 L bit).</summary>
    public static EtrOptions Etr(EtrConfig config, IReadOnlyList<IPEndPoint> bind)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(bind);
        var options = new EtrOptions
        {
            XtrId = config.XtrId,
            SiteId = config.SiteId,
            WantMapNotify = config.WantMapNotify,
            SmrPort = config.SmrPort,
            MapServers = [.. config.MapServers.Select(ms => new EtrMapServerOptions
            {
                Name = ms.Name,
                Address = ms.Address,
                KeyId = ms.Key.KeyId,
                Algorithm = ms.Key.Algorithm,
                Password = ms.Key.Password,
            })],
            Database = [.. config.Database.Select(mapping => Mapping(mapping, bind))],
        };
        return config.RegisterInterval is { } interval ? options with { RegisterInterval = interval } : options;
    }

    public static EtrPrefixOptions Mapping(DatabaseMappingConfig mapping, IReadOnlyList<IPEndPoint> bind)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(bind);
        return new EtrPrefixOptions
        {
            Prefix = mapping.Prefix,
            Locators = [.. mapping.Rlocs.Select(rloc => Locator(rloc, bind))],
            TtlMinutes = mapping.Ttl is { } ttl ? (uint)Math.Max(1, ttl.TotalMinutes) : EtrPrefixOptions.DefaultTtlMinutes,
            ProxyReply = mapping.ProxyReply,
            MapServers = mapping.MapServers,
        };
    }

    public static LocatorRecord Locator(LocatorConfig rloc, IReadOnlyList<IPEndPoint> bind)
    {
        ArgumentNullException.ThrowIfNull(rloc);
        ArgumentNullException.ThrowIfNull(bind);
        var local = bind.Any(endpoint => endpoint.Address.Equals(rloc.Address));
        return new LocatorRecord(new InetAddress(rloc.Address), rloc.Priority, rloc.Weight, rloc.MulticastPriority, rloc.MulticastWeight, Local: local);
    }

    /// <summary>The ITR's options. Its ITR-RLOCs default to the addresses the xTR listens on (replies must reach this socket).</summary>
    public static ItrOptions Itr(ItrConfig config, IReadOnlyList<IPEndPoint> bind)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(bind);
        var rlocs = config.Rlocs.Count > 0
            ? config.Rlocs
            : [.. bind.Select(endpoint => endpoint.Address).Where(address => !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)).Distinct()];
        var options = new ItrOptions
        {
            MapResolvers = config.MapResolvers,
            Rlocs = rlocs,
            ProxyEtrs = [.. config.ProxyEtrs.Select(endpoint => endpoint.Address)],
            ControlPort = bind.Count > 0 ? bind[0].Port : LispPorts.ControlPlane,
        };
        if (config.ProbeInterval is { } probe)
        {
            options = options with { ProbeInterval = probe };
        }

        if (config.IdleTimeout is { } idle)
        {
            options = options with { IdleTimeout = idle };
        }

        if (config.RequestTimeout is { } timeout)
        {
            options = options with { RetransmitInterval = timeout };
        }

        return options;
    }
}
