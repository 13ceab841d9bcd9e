namespace Loci.Config;

/// <summary>Who a delegation points to: "ddt-node" (NODE-REFERRAL) or "map-server" (MS-REFERRAL), RFC 8111 §6.4.1.</summary>
public enum DelegationTarget
{
    DdtNode,
    MapServer,
}
