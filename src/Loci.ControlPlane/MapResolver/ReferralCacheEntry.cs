using System.Net;
using Loci.ControlPlane.Ddt;
using Loci.Prefixes;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// One referral-cache entry (RFC 8111 §7.3; seed 002: "the MR caches map-referral messages in its
/// map-table so that it can reuse it for further Map-Requests covered by the EID prefix"). Immutable;
/// the cache replaces entries rather than editing them.
/// </summary>
public sealed record ReferralCacheEntry(
    EidPrefix Prefix,
    ReferralCacheKind Kind,
    IReadOnlyList<DdtReferralTarget> Locators,
    IPAddress? Source,
    DateTimeOffset Created,
    DateTimeOffset Expires)
{
    /// <summary>Negative entries answer requests locally (the Map-Resolver's negative cache).</summary>
    public bool IsNegative => Kind >= ReferralCacheKind.DelegationHole;

    public override string ToString() => $"{Prefix} {Kind} from {Source?.ToString() ?? "-"} until {Expires:u} [{string.Join(", ", Locators)}]";
}
