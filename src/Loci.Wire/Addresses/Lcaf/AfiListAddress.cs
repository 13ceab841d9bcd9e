using System.Collections.Immutable;

namespace Loci.Wire;

/// <summary>
/// LCAF type 1, AFI List (RFC 8060 §4.10): several addresses naming one thing, e.g. an RLOC's IPv4
/// and IPv6 addresses, or a name plus an address. The entries fill Length exactly; any entry may
/// itself be an LCAF (PROTOCOL.md §5.3).
/// <code>
/// |     Type = 1  |     Rsvd2     |             n                 |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |         Address  ...          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = y          |         Address  ...          |
/// </code>
/// </summary>
public sealed record AfiListAddress(EquatableArray<LispAddress> Addresses) : LcafAddress
{
    public override LcafType LcafType => LcafType.AfiList;

    public override int PayloadLength
    {
        get
        {
            var length = 0;
            foreach (var address in Addresses)
            {
                length += address.EncodedLength;
            }

            return length;
        }
    }

    internal override void WritePayload(ref SpanWriter writer)
    {
        foreach (var address in Addresses)
        {
            address.WriteTo(ref writer);
        }
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        var addresses = ImmutableArray.CreateBuilder<LispAddress>();

        // No count field: entries run to the end of the payload, which LcafCodec cut to Length.
        while (!payload.IsAtEnd)
        {
            if (!AddressCodec.TryRead(ref payload, depth, out var entry))
            {
                return false;
            }

            addresses.Add(entry);
        }

        address = new AfiListAddress(addresses.ToImmutable());
        return true;
    }

    public override string Format() => $"afi-list({LcafText.Join(Addresses)})";
}
