using System.Net;
using System.Net.Sockets;
using Loci.ControlPlane;
using Loci.ControlPlane.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
    private readonly ILogger _logger;
    private readonly LogRateLimit _noSocketReports = new(RoleRunner.ReportInterval, TimeProvider.System);
    private long _noSocket;

    /// <param name="logger">Gets the (aggregated) warning for datagrams that no socket can send.</param>
    public EndpointGroup(IEnumerable<UdpEndpointHost> endpoints, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _logger = logger ?? NullLogger.Instance;
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
            if (_noSocketReports.TryReport(out var dropped))
            {
                TransportLog.NoSocket(_logger, destination, dropped);
            }

            return;
        }

        host.Send(destination, payload);
    }
}
