using System.Net;
using System.Net.Sockets;

namespace Loci.Benchmarks.Transport;

/// <summary>
/// The load side of <see cref="UdpEchoBenchmarks"/>: <see cref="Sources"/> UDP sockets on 127.0.0.1,
/// sending in turn as a load generator's or several ITRs do (so the server's receive loop sees its
/// source change with every datagram), that keep a window of datagrams in flight to one server and
/// count the echoes. The server keeps order (one receive thread, one FIFO queue, one role thread)
/// and loopback keeps it too, so echo k comes back to socket k mod <see cref="Sources"/>, where the
/// client waits for it. Allocation-free after construction
/// (the server's <see cref="SocketAddress"/> is serialized once, echoes are read into one buffer
/// with <see cref="Socket.ReceiveFrom(Span{byte}, SocketFlags, SocketAddress)"/>), so what the
/// process allocates per round trip is the transport's.
/// </summary>
internal sealed class EchoClient : IDisposable
{
    /// <summary>Client sockets, each its own source address for the server.</summary>
    public const int Sources = 4;

    private readonly Socket[] _sockets = new Socket[Sources];
    private readonly SocketAddress _server;
    private readonly SocketAddress _from;
    private readonly byte[] _payload;
    private readonly byte[] _buffer = new byte[ushort.MaxValue];

    /// <param name="payload">Sent as is; the first byte chooses the server's queue (0x10: Map-Request, resolution).</param>
    public EchoClient(IPEndPoint server, byte[] payload)
    {
        for (var i = 0; i < Sources; i++)
        {
            _sockets[i] = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
            {
                // Room for a whole window of echoes; a loopback echo lost to a full buffer fails the run.
                ReceiveBufferSize = 4 * 1024 * 1024,
                ReceiveTimeout = 2000,
            };
            _sockets[i].Bind(new IPEndPoint(server.Address, 0));
        }

        _server = server.Serialize();
        _from = new SocketAddress(server.AddressFamily);
        _payload = payload;
    }

    /// <summary>The last echo received.</summary>
    public ReadOnlySpan<byte> LastEcho => _buffer.AsSpan(0, LastLength);

    public int LastLength { get; private set; }

    /// <summary>
    /// Sends <paramref name="count"/> datagrams, at most <paramref name="window"/> unanswered at a
    /// time, and returns when every echo is back. Throws when an echo is lost (2 s without one).
    /// </summary>
    public int Exchange(int count, int window)
    {
        var sent = 0;
        var received = 0;
        while (received < count)
        {
            while (sent < count && sent - received < window)
            {
                _sockets[sent % Sources].SendTo(_payload, SocketFlags.None, _server);
                sent++;
            }

            try
            {
                LastLength = _sockets[received % Sources].ReceiveFrom(_buffer, SocketFlags.None, _from);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                throw new InvalidOperationException($"Echo lost: {received} of {sent} sent came back.", e);
            }

            received++;
        }

        return received;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
