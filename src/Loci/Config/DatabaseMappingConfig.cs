using Loci.Prefixes;

namespace Loci.Config;

/// <summary>One local EID prefix of the ETR: its locators, how it is registered and to which map-servers.</summary>
public sealed record DatabaseMappingConfig
{
    public required EidPrefix Prefix { get; init; }

    public IReadOnlyList<LocatorConfig> Rlocs { get; init; } = [];

    /// <summary>Ask the map-server to answer Map-Requests itself (RFC 9301 §5.6 P bit); default false, so the ETR answers.</summary>
    public bool ProxyReply { get; init; }

    /// <summary>Names of the map-servers that receive this prefix; empty means all of them.</summary>
    public IReadOnlyList<string> MapServers { get; init; } = [];

    /// <summary>Record TTL of the mapping (RFC 9301 §5.4: 1440 minutes recommended).</summary>
    public TimeSpan? Ttl { get; init; }
}
