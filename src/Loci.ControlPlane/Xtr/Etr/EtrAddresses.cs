using System.Net;

namespace Loci.ControlPlane.Xtr;

/// <summary>Address comparison across dual-stack sockets, where IPv4 peers appear as ::ffff:a.b.c.d.</summary>
internal static class EtrAddresses
{
    public static IPAddress Normalize(IPAddress address) => MapReplyDestination.Normalize(address);

    public static bool Same(IPAddress left, IPAddress right) => Normalize(left).Equals(Normalize(right));
}
