using System.Collections.Immutable;
using System.Text;

namespace Loci.Wire;

/// <summary>
/// LCAF type 10, Explicit Locator Path (RFC 8060 §4.6): the ordered re-encapsulating tunnel
/// routers a packet must traverse. Each hop is a 16-bit flag word, then the hop's AFI and address
/// (flags come first, PROTOCOL.md pitfall 12); hops fill Length exactly.
/// <code>
/// |     Type = 10 |     Rsvd2     |               n               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Rsvd3         |L|P|S|           AFI = x             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Reencap Hop 1  ...                    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Rsvd3         |L|P|S|           AFI = x             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Reencap Hop k  ...                    |
/// </code>
/// </summary>
public sealed record ExplicitLocatorPathAddress(EquatableArray<ElpHop> Hops) : LcafAddress
{
    public override LcafType LcafType => LcafType.ExplicitLocatorPath;

    public override int PayloadLength
    {
        get
        {
            var length = 0;
            foreach (var hop in Hops)
            {
                length += hop.EncodedLength;
            }

            return length;
        }
    }

    internal override void WritePayload(ref SpanWriter writer)
    {
        foreach (var hop in Hops)
        {
            writer.WriteUInt16(hop.FlagWord);
            hop.Address.WriteTo(ref writer);
        }
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        var hops = ImmutableArray.CreateBuilder<ElpHop>();
        while (!payload.IsAtEnd)
        {
            if (!payload.TryReadUInt16(out var flags, "ELP hop flags")
                || !AddressCodec.TryRead(ref payload, depth, out var hop))
            {
                return false;
            }

            // Rsvd3 bits are ignored on receipt (RFC 8060 §3: reserved fields).
            hops.Add(new ElpHop(
                hop,
                (flags & ElpHop.LookupFlag) != 0,
                (flags & ElpHop.RlocProbeFlag) != 0,
                (flags & ElpHop.StrictFlag) != 0));
        }

        address = new ExplicitLocatorPathAddress(hops.ToImmutable());
        return true;
    }

    public override string Format()
    {
        var text = new StringBuilder("elp(");
        for (var i = 0; i < Hops.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : " -> ").Append(Hops[i].Format());
        }

        return text.Append(')').ToString();
    }
}
