using System.Net;
using Loci.Prefixes;

namespace Loci.Config;

/// <summary>The <c>ddt</c> section: the prefixes this DDT node is authoritative for and what it delegates (RFC 8111).</summary>
public sealed record DdtConfig
{
    public IReadOnlyList<IPEndPoint> Bind { get; init; } = [];

    public IReadOnlyList<EidPrefix> Authoritative { get; init; } = [];

    public IReadOnlyList<DelegationConfig> Delegations { get; init; } = [];
}
