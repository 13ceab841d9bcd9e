namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// What a referral-cache entry says (RFC 8111 §7.3): where to ask next, or (negative entries) that
/// the Map-Resolver answers the ITR itself with a negative Map-Reply until the entry expires.
/// </summary>
public enum ReferralCacheKind
{
    /// <summary>Ask one of the listed DDT nodes (cached NODE-REFERRAL).</summary>
    NodeReferral = 0,

    /// <summary>Ask one of the listed Map-Servers (cached MS-REFERRAL).</summary>
    MsReferral = 1,

    /// <summary>Negative: the prefix is a hole in the delegation tree (cached DELEGATION-HOLE).</summary>
    DelegationHole = 2,

    /// <summary>Negative: the authoritative Map-Server has no registration (cached MS-NOT-REGISTERED).</summary>
    MsNotRegistered = 3,

    /// <summary>Negative: resolution failed (no answer, loop, too many referrals, not authoritative).</summary>
    ResolutionFailure = 4,
}
