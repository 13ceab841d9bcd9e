using Loci.Prefixes;

namespace Loci.ControlPlane.MapServers;

/// <summary>One configured site as the management API shows it (keys are never shown, only their IDs).</summary>
public sealed record SiteInfo(
    string Name,
    IReadOnlyList<EidPrefix> AllowedPrefixes,
    bool AcceptMoreSpecifics,
    IReadOnlyList<string> KeyIds,
    int RegisteredPrefixes,
    long AuthFailures);
