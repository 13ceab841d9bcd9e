using System.Net;
using Loci.Prefixes;

namespace Loci.Bench.Load;

/// <summary>
/// Map-Requests, native or encapsulated, for host EIDs taken in turn from a query list: message n asks
/// for query n mod count and leaves through socket n mod sockets.
/// </summary>
internal sealed class RequestMessages : LoadMessages
{
    private readonly EidPrefix[] _queries;
    private readonly ushort[] _ports;
    private readonly RequestTemplate? _ipv4;
    private readonly RequestTemplate? _ipv6;

    /// <param name="queries">Host prefixes, IPv4 or IPv6.</param>
    /// <param name="itrRloc">The sockets' local address, announced as the only ITR-RLOC.</param>
    /// <param name="ports">The sockets' local ports (the inner UDP source port of an ECM).</param>
    public RequestMessages(EidPrefix[] queries, IPAddress itrRloc, ushort[] ports, bool encapsulate, bool ddtOriginated)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfZero(queries.Length);
        ArgumentOutOfRangeException.ThrowIfZero(ports.Length);
        if (queries.Any(q => q.Family is not (EidFamily.IPv4 or EidFamily.IPv6) || !q.IsHost))
        {
            throw new ArgumentException("Queries are IPv4 or IPv6 host prefixes.", nameof(queries));
        }

        _queries = queries;
        _ports = ports;
        if (queries.Any(q => q.Family == EidFamily.IPv4))
        {
            _ipv4 = RequestTemplate.Create(EidFamily.IPv4, itrRloc, encapsulate, ddtOriginated);
        }

        if (queries.Any(q => q.Family == EidFamily.IPv6))
        {
            _ipv6 = RequestTemplate.Create(EidFamily.IPv6, itrRloc, encapsulate, ddtOriginated);
        }
    }

    public override int MaxLength => Math.Max(_ipv4?.Length ?? 0, _ipv6?.Length ?? 0);

    public override int Write(long sequence, ulong nonce, Span<byte> destination, out int socket, out bool expectsReply)
    {
        ref readonly var eid = ref _queries[sequence % _queries.Length];
        socket = (int)(sequence % _ports.Length);
        expectsReply = true;
        var template = eid.Family == EidFamily.IPv4 ? _ipv4! : _ipv6!;
        return template.Write(destination, nonce, eid, _ports[socket]);
    }
}
