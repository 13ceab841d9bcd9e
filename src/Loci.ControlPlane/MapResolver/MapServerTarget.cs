using System.Net;
using Loci.Prefixes;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// A Map-Server in <see cref="MapResolverMode.MapServerList"/> mode and the EID-prefixes it serves.
/// No prefixes means the whole IPv4 and IPv6 EID space.
/// </summary>
public sealed record MapServerTarget(IPEndPoint Endpoint, IReadOnlyList<EidPrefix>? Prefixes = null)
{
    public override string ToString() => Prefixes is { Count: > 0 } ? $"{Endpoint} ({string.Join(", ", Prefixes)})" : Endpoint.ToString();
}
