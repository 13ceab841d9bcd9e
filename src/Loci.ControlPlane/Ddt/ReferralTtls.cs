namespace Loci.ControlPlane.Ddt;

/// <summary>
/// Record TTLs, in minutes, a DDT node puts in its Map-Referrals, per action. Defaults are RFC 8111
/// §6.4.1's recommendations (PROTOCOL.md §3.5): a day for referrals, 15 minutes for a delegation hole,
/// 0 for "not authoritative" so that nobody caches the answer.
/// </summary>
public sealed record ReferralTtls
{
    public uint NodeReferral { get; init; } = 1440;

    public uint MsReferral { get; init; } = 1440;

    public uint DelegationHole { get; init; } = 15;

    public uint NotAuthoritative { get; init; }
}
