using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Loci.Transport;

/// <summary>
/// The native address of a send, written in place into one <see cref="SocketAddress"/> per thread
/// and family. <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, EndPoint)"/> serializes its
/// <see cref="IPEndPoint"/> into a new <see cref="SocketAddress"/> on every call (72 bytes; 224 for an
/// IPv4 destination on a dual-mode socket, mapped to IPv6 first), which at 50,000 replies a second
/// is a Gen0 collection every few seconds (issue 6). Only the port and address bytes change between
/// destinations, and their offsets are the same on every platform (POSIX sockaddr_in: port at 2,
/// address at 4; sockaddr_in6: port at 2, flow info at 4, address at 8, scope id at 24, RFC 3493 §3.3):
/// the family field, whose layout does differ (BSD's sin6_len, RFC 3493 §3.4), is written once by the runtime's own
/// <see cref="SocketAddress(AddressFamily)"/> constructor. A test checks the bytes against
/// <see cref="IPEndPoint.Serialize"/>. Per thread because the queue threads of several roles send at
/// once and a send reads the address during the call only.
/// </summary>
internal static class DestinationAddress
{
    [ThreadStatic]
    private static SocketAddress? _ipv4;

    [ThreadStatic]
    private static SocketAddress? _ipv6;

    /// <summary>
    /// <paramref name="destination"/> as the socket address to send to, valid until this thread's next
    /// call. <paramref name="mapToIPv6"/> (a dual-mode IPv6 socket) turns an IPv4 destination into
    /// ::ffff:a.b.c.d (RFC 4291 §2.5.5.2), as <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, EndPoint)"/> does.
    /// </summary>
    public static SocketAddress For(IPEndPoint destination, bool mapToIPv6)
    {
        var address = destination.Address;
        var port = (ushort)destination.Port;
        if (address.AddressFamily == AddressFamily.InterNetwork && !mapToIPv6)
        {
            var ipv4 = _ipv4 ??= new SocketAddress(AddressFamily.InterNetwork);
            var bytes = ipv4.Buffer.Span;
            BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], port);
            address.TryWriteBytes(bytes.Slice(4, 4), out _);
            return ipv4;
        }

        var ipv6 = _ipv6 ??= new SocketAddress(AddressFamily.InterNetworkV6);
        var span = ipv6.Buffer.Span;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], port);
        span.Slice(4, 4).Clear(); // flow info: none
        var scope = 0u;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            span.Slice(8, 10).Clear();
            span[18] = 0xFF;
            span[19] = 0xFF;
            address.TryWriteBytes(span.Slice(20, 4), out _);
        }
        else
        {
            address.TryWriteBytes(span.Slice(8, 16), out _);
            scope = (uint)address.ScopeId;
        }

        MemoryMarshal.Write(span.Slice(24, 4), in scope); // sin6_scope_id is in host byte order
        return ipv6;
    }
}
