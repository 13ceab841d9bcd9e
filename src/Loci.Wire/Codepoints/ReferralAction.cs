namespace Loci.Wire;

/// <summary>ACT field of a Map-Referral record (RFC 8111 §6.4.1).</summary>
public enum ReferralAction : byte
{
    NodeReferral = 0,
    MsReferral = 1,
    MsAck = 2,
    MsNotRegistered = 3,
    DelegationHole = 4,
    NotAuthoritative = 5,
}
