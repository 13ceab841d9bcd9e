using System.Net;

namespace Loci.Transport;

/// <summary>
/// The receive loop's source endpoints by socket address: a node hears the same ITRs, map-resolvers
/// and ETRs over and over, so each gets one <see cref="IPEndPoint"/> that later datagrams reuse, and
/// the steady state allocates nothing (issue 6). Direct-mapped, <see cref="Slots"/> slots; a miss
/// builds the endpoint and takes the slot, so a flood of new sources costs what it did before the
/// cache (an endpoint per datagram), never more. One receive thread owns it; no locks. The roles
/// keep these endpoints (registrations remember their source), so an endpoint handed out is never
/// changed, only replaced in its slot.
/// </summary>
internal sealed class SourceEndpointCache(IPEndPoint local)
{
    /// <summary>Enough for the requesters of a busy map-server between two of its own replies, small enough to stay in cache.</summary>
    public const int Slots = 256;

    private readonly SocketAddress?[] _addresses = new SocketAddress?[Slots];
    private readonly IPEndPoint?[] _endpoints = new IPEndPoint?[Slots];

    /// <summary>The endpoint for the address the socket just filled in; <paramref name="received"/> is only read.</summary>
    public IPEndPoint Get(SocketAddress received)
    {
        var slot = (int)((uint)received.GetHashCode() % Slots);
        if (_addresses[slot] is { } known && known.Equals(received))
        {
            return _endpoints[slot]!;
        }

        var endpoint = (IPEndPoint)local.Create(received);
        _addresses[slot] = endpoint.Serialize();
        _endpoints[slot] = endpoint;
        return endpoint;
    }
}
