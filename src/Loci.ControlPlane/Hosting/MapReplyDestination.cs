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
    /// <summary>
    /// The reply's endpoint, read from the views without allocating: the datagram's own source when
    /// the choice is that address and port (a native request from its ITR-RLOC), else an endpoint
    /// from <paramref name="cache"/>. With no IPv4/IPv6 ITR-RLOC, the ECM's inner source, else the
    /// datagram's source (IPv4-mapped addresses answered as IPv4).
    /// </summary>
    /// <param name="ecm">The ECM around the request when <paramref name="encapsulated"/>; ignored otherwise.</param>
    public static IPEndPoint For(in MapRequestView request, bool encapsulated, in EcmView ecm, IPEndPoint source, EndpointCache cache)
    {
        Span<byte> sourceBytes = stackalloc byte[16];
        source.Address.TryWriteBytes(sourceBytes, out var sourceLength);
        scoped ReadOnlySpan<byte> normalizedSource = Unmap(sourceBytes[..sourceLength]);
        scoped ReadOnlySpan<byte> chosen = default;
        foreach (var rloc in request.ItrRlocs)
        {
            if (rloc.Afi is not (Afi.IPv4 or Afi.IPv6))
            {
                continue;
            }

            var ip = Unmap(rloc.Body);
            if (ip.Length == normalizedSource.Length)
            {
                chosen = ip;
                break;
            }

            if (chosen.IsEmpty)
            {
                chosen = ip;
            }
        }

        if (chosen.IsEmpty)
        {
            chosen = encapsulated ? ecm.Headers.Source : normalizedSource;
        }

        int port = encapsulated ? ecm.Headers.SourcePort : source.Port;
        port = port == 0 ? LispPorts.ControlPlane : port;
        return port == source.Port && chosen.SequenceEqual(sourceBytes[..sourceLength])
            ? source
            : cache.Get(chosen, port);
    }

    /// <summary>An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its 4 IPv4 bytes; anything else unchanged.</summary>
    private static ReadOnlySpan<byte> Unmap(ReadOnlySpan<byte> address) =>
        address.Length == 16 && address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF
            ? address[12..]
            : address;

    /// <summary>IPv4 peers of a dual-stack socket appear as ::ffff:a.b.c.d; compare and answer them as IPv4.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
