using System.Net;

namespace Loci.Config;

/// <summary>The <c>xtr.itr</c> section: where the ITR resolves and how it keeps its map-cache.</summary>
public sealed record ItrConfig
{
    /// <summary>Map-resolvers, tried in order; the next one on timeout.</summary>
    public IReadOnlyList<IPEndPoint> MapResolvers { get; init; } = [];

    /// <summary>ITR-RLOCs put in Map-Requests (where replies come back); default: the xTR's bind addresses.</summary>
    public IReadOnlyList<IPAddress> Rlocs { get; init; } = [];

    public IReadOnlyList<IPEndPoint> ProxyEtrs { get; init; } = [];

    /// <summary>RLOC-probe period (RFC 9301 §6.3.2); zero turns probing off.</summary>
    public TimeSpan? ProbeInterval { get; init; }

    /// <summary>Map-cache entries unused this long are evicted (seed 004: 3 minutes).</summary>
    public TimeSpan? IdleTimeout { get; init; }

    public TimeSpan? RequestTimeout { get; init; }
}
