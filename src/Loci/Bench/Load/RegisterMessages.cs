using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Bench.Load;

/// <summary>
/// Map-Registers for a prefix list, each prefix in turn: message n registers prefix
/// <c>order[n mod order.Length]</c>, from socket <c>prefix index mod sockets</c> (one steady source per
/// prefix, as an ETR would), with want-map-notify as the <see cref="NotifySchedule"/> says.
/// </summary>
internal sealed class RegisterMessages : LoadMessages
{
    /// <summary>Record TTL with the T bit: one day, longer than the longest run.</summary>
    public const uint TtlMinutes = 1440;

    private readonly EidPrefix[] _prefixes;
    private readonly int[] _order;
    private readonly int _sockets;
    private readonly NotifySchedule _notify;
    private readonly RegisterTemplate? _ipv4;
    private readonly RegisterTemplate? _ipv6;

    /// <param name="prefixes">IPv4 or IPv6 prefixes.</param>
    /// <param name="order">Indices into <paramref name="prefixes"/> to register, in turn; null for all of them.</param>
    public RegisterMessages(EidPrefix[] prefixes, int[]? order, int sockets, IPAddress rloc, AuthenticationKey key, bool proxyReply, NotifySchedule notify)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        ArgumentOutOfRangeException.ThrowIfZero(prefixes.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(sockets, 1);
        if (prefixes.Any(p => p.Family is not (EidFamily.IPv4 or EidFamily.IPv6)))
        {
            throw new ArgumentException("Prefixes are IPv4 or IPv6.", nameof(prefixes));
        }

        _prefixes = prefixes;
        _order = order ?? [.. Enumerable.Range(0, prefixes.Length)];
        ArgumentOutOfRangeException.ThrowIfZero(_order.Length, nameof(order));
        _sockets = sockets;
        _notify = notify;
        if (prefixes.Any(p => p.Family == EidFamily.IPv4))
        {
            _ipv4 = RegisterTemplate.Create(EidFamily.IPv4, rloc, key, proxyReply, TtlMinutes);
        }

        if (prefixes.Any(p => p.Family == EidFamily.IPv6))
        {
            _ipv6 = RegisterTemplate.Create(EidFamily.IPv6, rloc, key, proxyReply, TtlMinutes);
        }
    }

    public override int MaxLength => Math.Max(_ipv4?.Length ?? 0, _ipv6?.Length ?? 0);

    public override int Write(long sequence, ulong nonce, Span<byte> destination, out int socket, out bool expectsReply)
    {
        var index = _order[sequence % _order.Length];
        ref readonly var prefix = ref _prefixes[index];
        socket = index % _sockets;
        expectsReply = _notify.Wants(sequence);
        var template = prefix.Family == EidFamily.IPv4 ? _ipv4! : _ipv6!;
        return template.Write(destination, nonce, prefix, expectsReply);
    }
}
