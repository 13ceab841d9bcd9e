namespace Loci.Prefixes.Datasets;

/// <summary>A LISP site of the dataset: every prefix one AS originates (IPv4 and IPv6).</summary>
/// <param name="Asn">Origin autonomous system number.</param>
/// <param name="Prefixes">The site's EID prefixes, in address order.</param>
public sealed record AsnSite(uint Asn, IReadOnlyList<EidPrefix> Prefixes);
