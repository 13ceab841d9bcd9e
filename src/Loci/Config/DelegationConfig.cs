using Loci.Prefixes;

namespace Loci.Config;

/// <summary>A delegation of a DDT node: a prefix handed to child DDT nodes or to map-servers.</summary>
public sealed record DelegationConfig(EidPrefix Prefix, DelegationTarget Kind, IReadOnlyList<RlocConfig> Rlocs);
