using System.Net;
using System.Text;

namespace Loci.Wire;

/// <summary>Reads AFI-prefixed addresses (RFC 9301 §5; LCAF dispatch in <see cref="LcafCodec"/>).</summary>
internal static class AddressCodec
{
    public static bool TryRead(ref SpanReader reader, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        var afiOffset = reader.Offset;
        if (!reader.TryReadUInt16(out var afi, "address AFI"))
        {
            return false;
        }

        switch ((Afi)afi)
        {
            case Afi.None:
                return true;
            case Afi.IPv4:
                if (!reader.TryReadBytes(4, out var v4, "IPv4 address"))
                {
                    return false;
                }

                address = new InetAddress(new IPAddress(v4));
                return true;
            case Afi.IPv6:
                if (!reader.TryReadBytes(16, out var v6, "IPv6 address"))
                {
                    return false;
                }

                address = new InetAddress(new IPAddress(v6));
                return true;
            case Afi.Mac:
            case Afi.Ieee802:
                if (!reader.TryReadUInt16(out var hi, "MAC address") || !reader.TryReadUInt32(out var lo, "MAC address"))
                {
                    return false;
                }

                address = new MacAddress(((ulong)hi << 32) | lo, (Afi)afi);
                return true;
            case Afi.DistinguishedName:
                return TryReadName(ref reader, out address);
            case Afi.Lcaf:
                if (depth >= LispAddress.MaxNestingDepth)
                {
                    return reader.FailAt(WireErrorCode.NestingTooDeep, afiOffset, "more than 8 nested LCAFs");
                }

                return LcafCodec.TryRead(ref reader, depth, out address);
            default:
                return reader.FailAt(WireErrorCode.UnknownAfi, afiOffset, "address family not recognised, its length is unknown");
        }
    }

    private static bool TryReadName(ref SpanReader reader, out LispAddress address)
    {
        address = NoAddress.Instance;
        var terminator = reader.RemainingSpan.IndexOf((byte)0);
        if (terminator < 0)
        {
            return reader.Fail(WireErrorCode.Truncated, "distinguished name without NUL terminator");
        }

        if (terminator == 0)
        {
            // An empty name cannot be represented as a DistinguishedName value; keep the wire form.
            reader.TrySkip(1, "distinguished name");
            address = EmptyName;
            return true;
        }

        reader.TryReadBytes(terminator, out var bytes, "distinguished name");
        reader.TrySkip(1, "distinguished name terminator");
        address = new DistinguishedName(Encoding.Latin1.GetString(bytes));
        return true;
    }

    private static readonly DistinguishedName EmptyName = new(string.Empty);
}
