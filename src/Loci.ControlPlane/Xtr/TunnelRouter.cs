namespace Loci.ControlPlane.Xtr;

/// <summary>
/// An xTR: the ETR and ITR halves of a tunnel router sharing one control socket (port 4342 on the
/// router's RLOCs), as RFC 9301 §4 deploys them. Each half is a role of its own; this one only
/// routes a datagram to the half that owns its message type, so both keep their single-threaded
/// state and their own tests. Either half may be absent (an ETR-only or ITR-only node).
/// <list type="bullet">
/// <item>ETR: Map-Request without the S bit (native or in an ECM from a map-server, RLOC probes
/// included, RFC 9301 §5.3, §6.3.2), Map-Notify (answers to its Map-Registers, §5.7).</item>
/// <item>ITR: Map-Reply (answers to its requests and probes, §5.4) and Map-Request with the S bit
/// (Solicit-Map-Request, §6.1), which asks the ITR, not the ETR, to refresh its map-cache.</item>
/// </list>
/// Everything else (registrations, referrals, unknown types, empty datagrams) is not for an xTR
/// and is counted in <see cref="NotForXtr"/>.
/// </summary>
public sealed class TunnelRouter : IRole
{
    private const int MapRequestType = 1;
    private const int MapReplyType = 2;
    private const int MapNotifyType = 4;
    private const int EncapsulatedControlType = 8;

    // Word 0 bit 7 of a Map-Request (RFC 9301 §5.2): the low bit of the first byte.
    private const byte SolicitMapRequestBit = 0x01;

    private long _notForXtr;
    private long _toAbsentHalf;

    public TunnelRouter(IRole? etr, IRole? itr)
    {
        if (etr is null && itr is null)
        {
            throw new ArgumentException("A tunnel router needs an ETR, an ITR or both.", nameof(etr));
        }

        Etr = etr;
        Itr = itr;
    }

    public IRole? Etr { get; }

    public IRole? Itr { get; }

    /// <summary>Datagrams whose type no xTR handles (Map-Register, Map-Referral, unknown, empty).</summary>
    public long NotForXtr => Volatile.Read(ref _notForXtr);

    /// <summary>Datagrams for a half this router does not run (e.g. a Map-Reply at an ETR-only node).</summary>
    public long ToAbsentHalf => Volatile.Read(ref _toAbsentHalf);

    /// <summary>Which half a datagram belongs to, from its first byte (RFC 9301 §5.1 type nibble).</summary>
    public static XtrHalf Route(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return XtrHalf.None;
        }

        return (payload[0] >> 4) switch
        {
            MapRequestType => (payload[0] & SolicitMapRequestBit) != 0 ? XtrHalf.Itr : XtrHalf.Etr,
            MapReplyType => XtrHalf.Itr,
            MapNotifyType or EncapsulatedControlType => XtrHalf.Etr,
            _ => XtrHalf.None,
        };
    }

    public void Receive(in InboundDatagram datagram)
    {
        var route = Route(datagram.Payload);
        var half = route switch
        {
            XtrHalf.Etr => Etr,
            XtrHalf.Itr => Itr,
            _ => null,
        };
        if (half is not null)
        {
            half.Receive(datagram);
        }
        else
        {
            Interlocked.Increment(ref route == XtrHalf.None ? ref _notForXtr : ref _toAbsentHalf);
        }
    }

    public void OnTimer()
    {
        Etr?.OnTimer();
        Itr?.OnTimer();
    }
}
