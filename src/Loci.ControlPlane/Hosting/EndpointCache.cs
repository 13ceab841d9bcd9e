using System.Buffers.Binary;
using System.Net;

namespace Loci.ControlPlane;

/// <summary>
/// Reply endpoints by (address, port), so a role answering the same requesters over and over does
/// not build an <see cref="IPEndPoint"/> (and its <see cref="IPAddress"/>) per reply: the
/// allocation-free request path of issue #6. Direct-mapped, <see cref="SlotCount"/> slots; a miss
/// builds the endpoint and takes the slot. Safe from any number of threads: a slot holds an
/// immutable entry replaced whole, and a lost race only costs a rebuild. The endpoints handed out
/// are shared, so callers must not change their Address or Port.
/// </summary>
internal sealed class EndpointCache
{
    public const int SlotCount = 1024;

    private readonly Entry?[] _slots = new Entry?[SlotCount];

    /// <summary>The endpoint for a 4- or 16-byte address in network order and a port.</summary>
    public IPEndPoint Get(ReadOnlySpan<byte> address, int port)
    {
        var ipv6 = address.Length == 16;
        var key = ipv6 ? BinaryPrimitives.ReadUInt128BigEndian(address) : BinaryPrimitives.ReadUInt32BigEndian(address);
        var slot = (int)((uint)HashCode.Combine(key, port, ipv6) % SlotCount);
        var entry = Volatile.Read(ref _slots[slot]);
        if (entry is not null && entry.Address == key && entry.Port == port && entry.IPv6 == ipv6)
        {
            return entry.Endpoint;
        }

        var endpoint = new IPEndPoint(new IPAddress(address), port);
        Volatile.Write(ref _slots[slot], new Entry(key, ipv6, port, endpoint));
        return endpoint;
    }

    private sealed record Entry(UInt128 Address, bool IPv6, int Port, IPEndPoint Endpoint);
}
