using System.Net;
using Loci.Prefixes;

namespace Loci.Config;

/// <summary>The <c>map_server</c> section: the sites it accepts registrations for and its EID space.</summary>
public sealed record MapServerConfig
{
    public IReadOnlyList<IPEndPoint> Bind { get; init; } = [];

    /// <summary>Authoritative EID space (the seed's negative map-entries): requests inside it but unregistered get negative replies.</summary>
    public IReadOnlyList<EidPrefix> EidSpace { get; init; } = [];

    public IReadOnlyList<SiteConfig> Sites { get; init; } = [];
}
