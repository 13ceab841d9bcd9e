using Loci.Prefixes;

namespace Loci.Config;

/// <summary>One site of a Map-Server: its keys, the EID prefixes it may register, and optional RLOC restrictions.</summary>
public sealed record SiteConfig
{
    public required string Name { get; init; }

    /// <summary>Several keys, told apart by key ID, allow a rollover without downtime.</summary>
    public IReadOnlyList<SiteKeyConfig> Keys { get; init; } = [];

    public IReadOnlyList<EidPrefix> Prefixes { get; init; } = [];

    /// <summary>Accept registrations of prefixes more specific than the configured ones (default true).</summary>
    public bool AcceptMoreSpecifics { get; init; } = true;

    /// <summary>When not empty, registrations may only name RLOCs inside these prefixes (an address is its host prefix).</summary>
    public IReadOnlyList<EidPrefix> AllowedRlocs { get; init; } = [];
}
