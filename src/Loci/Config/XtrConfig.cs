using System.Net;

namespace Loci.Config;

/// <summary>
/// The <c>xtr</c> section: a tunnel router's control plane. The ETR and ITR halves share the
/// section's sockets (RFC 9301 §4: one control port per router RLOC); either may be left out.
/// </summary>
public sealed record XtrConfig
{
    public IReadOnlyList<IPEndPoint> Bind { get; init; } = [];

    public EtrConfig? Etr { get; init; }

    public ItrConfig? Itr { get; init; }
}
