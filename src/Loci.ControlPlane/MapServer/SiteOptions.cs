using Loci.Prefixes;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// A LISP site served by the Map-Server (RFC 9301 §8.2: the Map-Server is configured with each
/// site's EID-Prefixes and shared keys, and accepts registrations only inside them).
/// </summary>
public sealed class SiteOptions
{
    public string Name { get; init; } = "";

    /// <summary>Keys accepted from the site's ETRs; more than one for key rollover.</summary>
    public IReadOnlyList<SiteKeyOptions> Keys { get; init; } = [];

    /// <summary>EID-Prefixes the site may register (its "allowed space").</summary>
    public IReadOnlyList<EidPrefix> AllowedPrefixes { get; init; } = [];

    /// <summary>Accept registrations of prefixes more specific than an allowed prefix (e.g. a /24 inside a /16).</summary>
    public bool AcceptMoreSpecifics { get; init; }

    /// <summary>When not empty, every registered RLOC must fall inside one of these prefixes.</summary>
    public IReadOnlyList<EidPrefix> AllowedRlocs { get; init; } = [];
}
