using System.Net;
using System.Net.Sockets;
using Loci.Wire;

namespace Loci.ControlPlane;

/// <summary>
/// Where the answer to a Map-Request goes, for every role that answers one (map-server proxy reply,
/// ETR): RFC 9301 §5.2 lets the replier pick one of the ITR-RLOCs; pick one of the family the request
/// arrived on, so it is a family this node reaches (else any IPv4 or IPv6 one; LCAF ITR-RLOCs such as
/// telemetry or security keys are not reply addresses), at the requester's port: the inner UDP source
/// port of an ECM (RFC 9301 §5.8), else the datagram's.
/// </summary>
internal static class MapReplyDestination
{
    public static IPEndPoint For(MapRequest request, EncapsulatedControlMessage? ecm, IPEndPoint source)
    {
        var family = Normalize(source.Address).AddressFamily;
        IPAddress? chosen = null;
        foreach (var rloc in request.ItrRlocs)
        {
            if (rloc is not InetAddress { Ip: var ip })
            {
                continue;
            }

            ip = Normalize(ip);
            if (ip.AddressFamily == family)
            {
                chosen = ip;
                break;
            }

            chosen ??= ip;
        }

        chosen ??= ecm?.InnerSource ?? Normalize(source.Address);
        var port = ecm is null ? source.Port : ecm.InnerSourcePort;
        return new IPEndPoint(chosen, port == 0 ? LispPorts.ControlPlane : port);
    }

    /// <summary>IPv4 peers of a dual-stack socket appear as ::ffff:a.b.c.d; compare and answer them as IPv4.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
