using System.Net;

namespace Loci.Transport;

/// <summary>
/// The receive loop's source endpoints by socket address: a node hears the same ITRs, map-resolvers
/// and ETRs over and over, so each gets one <see cref="IPEndPoint"/> that later datagrams reuse, and
/// the steady state allocates nothing (issue 6). <see cref="Sets"/> sets of <see cref="Ways"/>
/// entries: a source hashes to a set and may sit in any of its ways, so a few sources taking turns
/// never evict each other (a direct-mapped first version thrashed when two of a generator's four
/// sockets hashed to one slot: 72 B per datagram in one run of three). A miss builds the endpoint and
/// replaces the set's entries in turn, so a flood of new sources costs what it did before the cache
/// (an endpoint per datagram), never more. One receive thread owns it; no locks. The roles keep
/// these endpoints (registrations remember their source), so an endpoint handed out is never
/// changed, only replaced in its way.
/// </summary>
internal sealed class SourceEndpointCache(IPEndPoint local)
{
    public const int Sets = 64;

    public const int Ways = 4;

    private readonly SocketAddress?[] _addresses = new SocketAddress?[Sets * Ways];
    private readonly IPEndPoint?[] _endpoints = new IPEndPoint?[Sets * Ways];
    private readonly byte[] _nextVictim = new byte[Sets];

    /// <summary>The endpoint for the address the socket just filled in; <paramref name="received"/> is only read.</summary>
    public IPEndPoint Get(SocketAddress received)
    {
        var set = (int)((uint)received.GetHashCode() % Sets);
        var first = set * Ways;
        for (var way = first; way < first + Ways; way++)
        {
            if (_addresses[way] is { } known && known.Equals(received))
            {
                return _endpoints[way]!;
            }
        }

        var endpoint = (IPEndPoint)local.Create(received);
        var victim = first + _nextVictim[set];
        _nextVictim[set] = (byte)((_nextVictim[set] + 1) % Ways);
        _addresses[victim] = endpoint.Serialize();
        _endpoints[victim] = endpoint;
        return endpoint;
    }
}
