using System.Net;
using System.Net.Sockets;

namespace Loci.Transport;

/// <summary>
/// A UDP endpoint could not be bound. The message names the address and port in words an operator
/// reads at start-up ("port 4342 on 127.0.0.20 is in use"); <see cref="Endpoint"/> and
/// <see cref="SocketError"/> carry the details for callers that decide what to do.
/// </summary>
public sealed class EndpointBindException : Exception
{
    public EndpointBindException()
    {
        Endpoint = new IPEndPoint(IPAddress.None, 0);
    }

    public EndpointBindException(string message)
        : base(message)
    {
        Endpoint = new IPEndPoint(IPAddress.None, 0);
    }

    public EndpointBindException(string message, Exception innerException)
        : base(message, innerException)
    {
        Endpoint = new IPEndPoint(IPAddress.None, 0);
    }

    public EndpointBindException(IPEndPoint endpoint, SocketException innerException)
        : base(Describe(endpoint, innerException), innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        Endpoint = endpoint;
        SocketError = innerException.SocketErrorCode;
    }

    public IPEndPoint Endpoint { get; }

    public SocketError SocketError { get; }

    private static string Describe(IPEndPoint endpoint, SocketException error)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(error);
        var port = endpoint.Port;
        var address = endpoint.Address;
        return error.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => $"port {port} on {address} is in use",
            SocketError.AddressNotAvailable => $"address {address} is not available on this host (binding port {port})",
            SocketError.AccessDenied => $"permission denied binding port {port} on {address}",
            SocketError.AddressFamilyNotSupported => $"{address.AddressFamily} is not supported on this host (binding port {port} on {address})",
            _ => $"cannot bind port {port} on {address}: {error.Message}",
        };
    }
}
