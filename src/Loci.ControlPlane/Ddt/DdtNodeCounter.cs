namespace Loci.ControlPlane.Ddt;

/// <summary>What a <see cref="DdtNode"/> counts.</summary>
public enum DdtNodeCounter
{
    DatagramsReceived,
    Malformed,
    NotDdtOriginated,
    Unsupported,
    MapReferralsSent,
    NodeReferrals,
    MsReferrals,
    DelegationHoles,
    NotAuthoritative,
}
