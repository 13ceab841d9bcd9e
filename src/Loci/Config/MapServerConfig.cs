using System.Net;
using Loci.Prefixes;
using Loci.Transport;

namespace Loci.Config;

/// <summary>The <c>map_server</c> section: the sites it accepts registrations for and its EID space.</summary>
public sealed record MapServerConfig
{
    public IReadOnlyList<IPEndPoint> Bind { get; init; } = [];

    /// <summary>Authoritative EID space (the seed's negative map-entries): requests inside it but unregistered get negative replies.</summary>
    public IReadOnlyList<EidPrefix> EidSpace { get; init; } = [];

    public IReadOnlyList<SiteConfig> Sites { get; init; } = [];

    /// <summary>UDP port Map-Requests are forwarded to at the registered ETRs (RFC 9301 §5.3: 4342).</summary>
    public int EtrControlPort { get; init; } = UdpEndpointHost.DefaultPort;
}
