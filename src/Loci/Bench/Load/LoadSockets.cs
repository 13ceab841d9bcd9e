using System.Net;
using System.Net.Sockets;

namespace Loci.Bench.Load;

/// <summary>
/// The generator's UDP sockets: all on one local address (the ITR-RLOC and registered RLOC), each on
/// its own ephemeral port, each read by its own receive thread. Several sockets spread the replies
/// over several receive queues and give a multi-socket server several flows to balance.
/// </summary>
internal sealed class LoadSockets : IDisposable
{
    /// <summary>Socket buffers large enough to ride out a burst at 2 M/s for about 10 ms; the kernel caps them at its rmem_max/wmem_max.</summary>
    private const int BufferBytes = 4 << 20;

    /// <summary>How often an idle receive thread looks at its stop flag.</summary>
    private static readonly TimeSpan ReceivePoll = TimeSpan.FromMilliseconds(100);

    private LoadSockets(IPEndPoint target, IPAddress local, Socket[] sockets)
    {
        Target = target;
        LocalAddress = local;
        Sockets = sockets;
        Ports = [.. sockets.Select(s => (ushort)((IPEndPoint)s.LocalEndPoint!).Port)];
        TargetAddresses = [.. sockets.Select(_ => target.Serialize())];
    }

    public IPEndPoint Target { get; }

    public IPAddress LocalAddress { get; }

    public Socket[] Sockets { get; }

    public ushort[] Ports { get; }

    /// <summary>The target, serialised once per socket so <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, SocketAddress)"/> allocates nothing.</summary>
    public SocketAddress[] TargetAddresses { get; }

    /// <summary>
    /// Binds <paramref name="count"/> sockets to <paramref name="source"/>, or to the address the kernel
    /// would use to reach <paramref name="target"/>. Throws <see cref="SocketException"/> when that fails.
    /// </summary>
    public static LoadSockets Open(IPEndPoint target, IPAddress? source, int count)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var local = source ?? RouteSource(target);
        var sockets = new List<Socket>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                sockets.Add(socket);
                socket.SendBufferSize = BufferBytes;
                socket.ReceiveBufferSize = BufferBytes;
                socket.ReceiveTimeout = (int)ReceivePoll.TotalMilliseconds;
                socket.Bind(new IPEndPoint(local, 0));
            }

            return new LoadSockets(target, local, [.. sockets]);
        }
        catch
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>The source address for <paramref name="target"/>: connecting a UDP socket sends nothing, it only asks the routing table.</summary>
    private static IPAddress RouteSource(IPEndPoint target)
    {
        using var route = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        route.Connect(target);
        return ((IPEndPoint)route.LocalEndPoint!).Address;
    }

    public void Dispose()
    {
        foreach (var socket in Sockets)
        {
            socket.Dispose();
        }
    }
}
