namespace Loci.Prefixes.Datasets;

/// <summary>One CIDR prefix of the routing dataset and the AS that originates it.</summary>
/// <param name="Prefix">EID prefix (instance ID 0).</param>
/// <param name="Asn">Origin autonomous system number.</param>
public readonly record struct AsnPrefix(EidPrefix Prefix, uint Asn);
