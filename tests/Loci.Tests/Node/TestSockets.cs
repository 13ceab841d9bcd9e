using System.Net;
using System.Net.Sockets;

namespace Loci.Tests.Node;

/// <summary>Plain client sockets for host tests, bound to loopback on an ephemeral port, with bounded receives.</summary>
internal static class TestSockets
{
    public static Socket Client(IPAddress loopback)
    {
        var socket = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(loopback, 0));
        return socket;
    }

    /// <summary>Receives one datagram or throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static (byte[] Payload, IPEndPoint From) Receive(Socket socket, TimeSpan timeout)
    {
        socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        var buffer = new byte[65_535];
        EndPoint from = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        try
        {
            var length = socket.ReceiveFrom(buffer, ref from);
            return (buffer[..length], (IPEndPoint)from);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            throw new TimeoutException($"nothing received within {timeout}", e);
        }
    }
}
