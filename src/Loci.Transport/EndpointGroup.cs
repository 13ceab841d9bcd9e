using System.Net;
using System.Net.Sockets;
using Loci.ControlPlane;

namespace Loci.Transport;

/// <summary>
/// The sender a role is built with when it listens on several sockets: a datagram leaves by the
/// first endpoint of the destination's address family (an IPv4-mapped IPv6 destination goes out
/// as IPv4). Roles are constructed before their runner, so this is created from the bound hosts first.
/// </summary>
public sealed class EndpointGroup : IDatagramSender
{
    private readonly UdpEndpointHost? _ipv4;
    private readonly UdpEndpointHost? _ipv6;
    private long _noSocket;

    public EndpointGroup(IEnumerable<UdpEndpointHost> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetwork)
            {
                _ipv4 ??= endpoint;
            }
            else
            {
                _ipv6 ??= endpoint;
            }
        }
    }

    /// <summary>Datagrams dropped because no socket of the destination's family is bound.</summary>
    public long NoSocketDrops => Interlocked.Read(ref _noSocket);

    public void Send(IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Address.IsIPv4MappedToIPv6)
        {
            destination = new IPEndPoint(destination.Address.MapToIPv4(), destination.Port);
        }

        var host = destination.AddressFamily == AddressFamily.InterNetwork ? _ipv4 : _ipv6;
        if (host is null)
        {
            Interlocked.Increment(ref _noSocket);
            TransportMetrics.Dropped.Add(1, new KeyValuePair<string, object?>("reason", "no_socket"));
            return;
        }

        host.Send(destination, payload);
    }
}
