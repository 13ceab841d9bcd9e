using Loci.Prefixes;

namespace Loci.ControlPlane.Ddt;

/// <summary>A prefix a DDT node hands down to child DDT nodes or to Map-Servers (RFC 8111 §3, §7.1.1).</summary>
public sealed record DdtDelegation(EidPrefix Prefix, DdtDelegationKind Kind, IReadOnlyList<DdtReferralTarget> Targets)
{
    public override string ToString() => $"{Prefix} -> {Kind} [{string.Join(", ", Targets)}]";
}
