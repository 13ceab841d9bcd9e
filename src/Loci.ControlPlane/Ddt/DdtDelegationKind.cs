namespace Loci.ControlPlane.Ddt;

/// <summary>What a delegated prefix points at (RFC 8111 §3, §7.1.1): the referral action follows from it.</summary>
public enum DdtDelegationKind
{
    /// <summary>Child DDT nodes: answered with NODE-REFERRAL.</summary>
    DdtNode = 0,

    /// <summary>Map-Servers: answered with MS-REFERRAL.</summary>
    MapServer = 1,
}
