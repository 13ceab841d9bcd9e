using System.Buffers.Binary;
using System.Net;

namespace Loci.ControlPlane;

/// <summary>
/// Reply endpoints by (address, port), so a role answering the same requesters over and over does
/// not build an <see cref="IPEndPoint"/> (and its <see cref="IPAddress"/>) per reply: the
/// allocation-free request path of issue 6. <see cref="Sets"/> sets of <see cref="Ways"/> entries:
/// a key may sit in any way of its set, so a few requesters taking turns never evict each other; a
/// miss builds the endpoint and takes an empty way, else the way the hash picks. Safe from any number of threads: a way
/// holds an immutable entry replaced whole, and a lost race only costs a rebuild. The endpoints
/// handed out are shared, so callers must not change their Address or Port.
/// </summary>
internal sealed class EndpointCache
{
    public const int Sets = 256;

    public const int Ways = 4;

    private readonly Entry?[] _entries = new Entry?[Sets * Ways];

    /// <summary>The endpoint for a 4- or 16-byte address in network order and a port.</summary>
    public IPEndPoint Get(ReadOnlySpan<byte> address, int port)
    {
        var ipv6 = address.Length == 16;
        var key = ipv6 ? BinaryPrimitives.ReadUInt128BigEndian(address) : BinaryPrimitives.ReadUInt32BigEndian(address);
        var hash = (uint)HashCode.Combine(key, port, ipv6);
        var first = (int)(hash % Sets) * Ways;
        for (var way = first; way < first + Ways; way++)
        {
            var entry = Volatile.Read(ref _entries[way]);
            if (entry is not null && entry.Address == key && entry.Port == port && entry.IPv6 == ipv6)
            {
                return entry.Endpoint;
            }
        }

        // An empty way if there is one, else one picked by other hash bits (no shared counter to race on).
        var victim = first + (int)((hash / Sets) % Ways);
        for (var way = first; way < first + Ways; way++)
        {
            if (Volatile.Read(ref _entries[way]) is null)
            {
                victim = way;
                break;
            }
        }

        var endpoint = new IPEndPoint(new IPAddress(address), port);
        Volatile.Write(ref _entries[victim], new Entry(key, ipv6, port, endpoint));
        return endpoint;
    }

    private sealed record Entry(UInt128 Address, bool IPv6, int Port, IPEndPoint Endpoint);
}
