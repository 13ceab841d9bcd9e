using System.Collections.Immutable;

namespace Loci.Wire;

/// <summary>
/// LCAF type 7, NAT-Traversal (RFC 8060 §4.4), carried in Info-Reply: the ports and addresses the
/// Map-Server observed, and the RTRs to use. Any address may be AFI 0; the RTR list (zero or more)
/// runs to the end of the payload.
/// <code>
/// |     Type = 7  |     Rsvd2     |             4 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |       MS UDP Port Number      |      ETR UDP Port Number      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |  Global ETR RLOC Address  ... |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |       MS RLOC Address  ...    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          | Private ETR RLOC Address  ... |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |      RTR RLOC Address 1 ...   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |      RTR RLOC Address n ...   |
/// </code>
/// Loci writes the true Length. lispers.net writes Length = 16 whatever the content (PROTOCOL.md
/// pitfall 17); tolerating that is the Info-Reply parser's job, this reader holds to Length.
/// </summary>
public sealed record NatTraversalAddress(
    ushort MsUdpPort,
    ushort EtrUdpPort,
    LispAddress GlobalEtrRloc,
    LispAddress MsRloc,
    LispAddress PrivateEtrRloc,
    EquatableArray<LispAddress> RtrRlocs) : LcafAddress
{
    public override LcafType LcafType => LcafType.NatTraversal;

    public override int PayloadLength
    {
        get
        {
            var length = 4 + GlobalEtrRloc.EncodedLength + MsRloc.EncodedLength + PrivateEtrRloc.EncodedLength;
            foreach (var rtr in RtrRlocs)
            {
                length += rtr.EncodedLength;
            }

            return length;
        }
    }

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.WriteUInt16(MsUdpPort);
        writer.WriteUInt16(EtrUdpPort);
        GlobalEtrRloc.WriteTo(ref writer);
        MsRloc.WriteTo(ref writer);
        PrivateEtrRloc.WriteTo(ref writer);
        foreach (var rtr in RtrRlocs)
        {
            rtr.WriteTo(ref writer);
        }
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TryReadUInt16(out var msPort, "NAT-traversal MS UDP port")
            || !payload.TryReadUInt16(out var etrPort, "NAT-traversal ETR UDP port")
            || !AddressCodec.TryRead(ref payload, depth, out var globalEtr)
            || !AddressCodec.TryRead(ref payload, depth, out var ms)
            || !AddressCodec.TryRead(ref payload, depth, out var privateEtr))
        {
            return false;
        }

        var rtrs = ImmutableArray.CreateBuilder<LispAddress>();
        while (!payload.IsAtEnd)
        {
            if (!AddressCodec.TryRead(ref payload, depth, out var rtr))
            {
                return false;
            }

            rtrs.Add(rtr);
        }

        address = new NatTraversalAddress(msPort, etrPort, globalEtr, ms, privateEtr, rtrs.ToImmutable());
        return true;
    }

    public override string Format() =>
        $"nat(ms-port {MsUdpPort}, etr-port {EtrUdpPort}, global {GlobalEtrRloc.Format()}, ms {MsRloc.Format()}, private {PrivateEtrRloc.Format()}, rtrs [{LcafText.Join(RtrRlocs)}])";
}
