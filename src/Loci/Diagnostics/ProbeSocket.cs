using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Loci.Wire;

namespace Loci.Diagnostics;

/// <summary>
/// The client side of lig and rig: a UDP socket bound to the local address the kernel would use
/// to reach the server, on an ephemeral port. That address is the ITR-RLOC and that port the inner
/// UDP source port, so the answer comes back here whether the responder replies to the outer source
/// or to ITR-RLOC:inner-port (RFC 9301 §5.8). Receives are bounded by a deadline.
/// </summary>
internal sealed class ProbeSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[65_535];

    private ProbeSocket(Socket socket)
    {
        _socket = socket;
        Local = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint Local { get; }

    /// <summary>Opens a socket toward <paramref name="server"/>; throws <see cref="SocketException"/> when there is no route.</summary>
    public static ProbeSocket Open(IPEndPoint server)
    {
        IPAddress local;
        using (var route = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
        {
            route.Connect(server); // no packet: only asks the kernel which source address it would use
            local = ((IPEndPoint)route.LocalEndPoint!).Address;
        }

        var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            return new ProbeSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static ulong NewNonce() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    /// <summary>An ECM around a Map-Request for <paramref name="eid"/> from this socket (D bit when <paramref name="ddtOriginated"/>).</summary>
    public EncapsulatedControlMessage Request(IPAddress eid, ulong nonce, bool ddtOriginated)
    {
        var sameFamily = eid.AddressFamily == Local.AddressFamily;
        var innerSource = sameFamily ? Local.Address : (eid.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any);
        var eidAddress = new InetAddress(eid);
        var request = new MapRequest(
            nonce,
            sameFamily ? new InetAddress(Local.Address) : LispAddress.None,
            new LispAddress[] { new InetAddress(Local.Address) },
            new[] { new MapRequestRecord(eidAddress, (byte)eidAddress.AddressBits) });
        return new EncapsulatedControlMessage(innerSource, eid, (ushort)Local.Port, LispPorts.ControlPlane, request)
        {
            DdtOriginated = ddtOriginated,
        };
    }

    /// <summary>Sends <paramref name="message"/> and waits for a Map-Reply or Map-Referral carrying <paramref name="nonce"/>; null on timeout.</summary>
    public ProbeReply? Exchange(LispMessage message, IPEndPoint server, ulong nonce, TimeSpan timeout)
    {
        var bytes = message.ToArray();
        var clock = Stopwatch.StartNew();
        _socket.SendTo(bytes, server);
        EndPoint from = new IPEndPoint(Local.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (clock.Elapsed < timeout)
        {
            _socket.ReceiveTimeout = Math.Max(1, (int)(timeout - clock.Elapsed).TotalMilliseconds);
            int length;
            try
            {
                length = _socket.ReceiveFrom(_buffer, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                continue; // an ICMP error for an earlier datagram
            }

            // Anything else arriving here (late answers to an earlier probe, garbage) is skipped.
            if (LispMessage.TryParse(_buffer.AsSpan(0, length), out var reply, out _)
                && reply switch { MapReply r => r.Nonce, MapReferral r => r.Nonce, _ => (ulong?)null } == nonce)
            {
                return new ProbeReply(reply, (IPEndPoint)from, clock.Elapsed);
            }
        }

        return null;
    }

    public void Dispose() => _socket.Dispose();
}
