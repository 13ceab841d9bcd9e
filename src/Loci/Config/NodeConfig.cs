using System.Net;

namespace Loci.Config;

/// <summary>
/// A validated node configuration (the JSON file of <c>loci run --config</c>). Each role listens
/// on its own <c>bind</c> endpoints, or on the node's when it gives none; two roles never share one.
/// </summary>
public sealed record NodeConfig
{
    public const int DefaultApiPort = 9242;

    /// <summary>Default endpoints of roles without their own <c>bind</c>.</summary>
    public IReadOnlyList<IPEndPoint> Bind { get; init; } = [];

    /// <summary>The local HTTP API (127.0.0.1:9242 unless set).</summary>
    public IPEndPoint Api { get; init; } = new(IPAddress.Loopback, DefaultApiPort);

    /// <summary>
    /// True (default): datagrams between this node's own roles (a map-resolver and its co-located
    /// map-server, say) are handed over in-process instead of through the loopback interface
    /// (Loci.Transport.LocalDelivery); false sends them through the sockets, e.g. to capture them.
    /// </summary>
    public bool LocalDelivery { get; init; } = true;

    public MapServerConfig? MapServer { get; init; }

    public DdtConfig? Ddt { get; init; }

    public MapResolverConfig? MapResolver { get; init; }

    public XtrConfig? Xtr { get; init; }
}
