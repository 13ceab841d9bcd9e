using System.Net;

namespace Loci.Transport;

/// <summary>
/// In-process delivery between the sockets of one node. A datagram that a role sends, on a receive
/// thread, to another socket of the same node (a Map-Resolver's DDT Map-Request to its co-located
/// Map-Server, the MS-ACK back) is handed to that socket's handler once the current datagram is
/// done, instead of crossing the kernel's loopback: a send and a receive system call and a thread
/// wake-up saved per hop, which on one core are most of a co-located hop's cost (issue 6). The
/// receiving role sees what its socket would have delivered: the same bytes, from the sending
/// socket's bound address and port.
/// <para>
/// Run to completion is kept (DESIGN.md §4): deliveries wait in a per-thread FIFO until the handler
/// that sent them has returned, so a role holding its lock is never re-entered; the receive loop then
/// drains the FIFO, including what the drained deliveries send in turn. Sends from threads that do
/// not drain (queue and timer threads, the API), from send-only sockets (bound to a wildcard
/// address: no source to show), to sockets not receiving, or beyond <see cref="Capacity"/> waiting
/// datagrams go through the kernel as before. Whatever is delivered here is not on the wire, so a
/// capture on the loopback interface does not show it; a node configured with
/// <c>"local_delivery": false</c> sends everything through its sockets.
/// </para>
/// </summary>
public sealed class LocalDelivery
{
    /// <summary>Datagrams one thread may have waiting; a role sends a handful per datagram it handles.</summary>
    public const int Capacity = 64;

    [ThreadStatic]
    private static Fifo? t_fifo;

    private readonly Lock _gate = new();
    private UdpEndpointHost[] _hosts = [];
    private long _delivered;
    private long _fellBack;

    /// <summary>Datagrams delivered in-process.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Datagrams for a socket of this node that went through the kernel anyway (FIFO full, or the socket stopped receiving before delivery).</summary>
    public long FellBack => Interlocked.Read(ref _fellBack);

    /// <summary>Makes <paramref name="host"/> reachable in-process (called by <see cref="UdpEndpointHost.UseLocalDelivery"/>).</summary>
    internal void Add(UdpEndpointHost host)
    {
        lock (_gate)
        {
            _hosts = [.. _hosts, host];
        }
    }

    /// <summary>Called by a receive thread before its loop: the thread drains deliveries from now on.</summary>
    internal void AttachCurrentThread() => t_fifo = new Fifo(this);

    /// <summary>
    /// Queues <paramref name="payload"/> for the node's socket at <paramref name="destination"/> on this
    /// thread's FIFO. False (send it through the kernel) when this thread does not drain, no socket of
    /// the node receives at that address and port, or the FIFO is full.
    /// </summary>
    internal bool TryDefer(UdpEndpointHost from, IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        if (t_fifo is not { } fifo || fifo.Owner != this || Find(destination) is not { } target)
        {
            return false;
        }

        if (!fifo.TryEnqueue(from, target, payload))
        {
            Interlocked.Increment(ref _fellBack);
            return false;
        }

        return true;
    }

    /// <summary>Delivers what this thread queued, in order, until nothing is left; the receive loop calls it after each handler.</summary>
    internal void Drain()
    {
        if (t_fifo is not { } fifo || fifo.Owner != this)
        {
            return;
        }

        while (fifo.TryPeek(out var slot))
        {
            var payload = slot.Buffer.AsSpan(0, slot.Length);
            if (slot.Target.IsReceiving)
            {
                // Counted before the handler runs, so whoever sees its effects sees the count.
                Interlocked.Increment(ref _delivered);
                slot.Target.DeliverLocal(payload, slot.From.LocalEndpoint);
            }
            else
            {
                // Stopped meanwhile: the kernel queues it for the socket, as it would have.
                Interlocked.Increment(ref _fellBack);
                slot.From.SendThroughSocket(slot.Target.LocalEndpoint, payload);
            }

            fifo.Dequeue();
        }
    }

    private UdpEndpointHost? Find(IPEndPoint destination)
    {
        foreach (var host in Volatile.Read(ref _hosts))
        {
            var local = host.LocalEndpoint;
            if (local.Port == destination.Port && local.Address.Equals(destination.Address) && host.IsReceiving)
            {
                return host;
            }
        }

        return null;
    }

    private struct Slot
    {
        public UdpEndpointHost From;
        public UdpEndpointHost Target;
        public byte[] Buffer;
        public int Length;
    }

    /// <summary>One thread's waiting deliveries: a ring whose buffers are kept and grown, so queuing allocates nothing once warm.</summary>
    private sealed class Fifo(LocalDelivery owner)
    {
        private readonly Slot[] _slots = new Slot[Capacity];
        private int _head;
        private int _count;

        public LocalDelivery Owner { get; } = owner;

        public bool TryEnqueue(UdpEndpointHost from, UdpEndpointHost target, ReadOnlySpan<byte> payload)
        {
            // The slot being delivered stays counted until Dequeue, so a send from its handler never overwrites it.
            if (_count == Capacity)
            {
                return false;
            }

            ref var slot = ref _slots[(_head + _count) % Capacity];
            if (slot.Buffer is null || slot.Buffer.Length < payload.Length)
            {
                slot.Buffer = new byte[Math.Max(payload.Length, 512)];
            }

            payload.CopyTo(slot.Buffer);
            slot.Length = payload.Length;
            slot.From = from;
            slot.Target = target;
            _count++;
            return true;
        }

        public bool TryPeek(out Slot slot)
        {
            slot = _count > 0 ? _slots[_head] : default;
            return _count > 0;
        }

        public void Dequeue()
        {
            _slots[_head].From = null!;
            _slots[_head].Target = null!;
            _head = (_head + 1) % Capacity;
            _count--;
        }
    }
}
