using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane;

/// <summary>
/// Between the wire's addresses (an EID, possibly inside an Instance-ID LCAF, plus a mask-len) and
/// the map-table's <see cref="EidPrefix"/> keys (RFC 8060 §4.1: the mask-len applies to the inner address).
/// </summary>
public static class EidConversions
{
    /// <summary>The table key for a wire EID; false for addresses that are not IPv4, IPv6 or MAC EIDs.</summary>
    public static bool TryToPrefix(LispAddress address, int maskLength, out EidPrefix prefix)
    {
        prefix = default;
        uint instanceId = 0;
        if (address is InstanceIdAddress iid)
        {
            instanceId = iid.InstanceId;
            address = iid.Address;
        }

        if (maskLength < 0 || maskLength > address.AddressBits || address.AddressBits == 0)
        {
            return false;
        }

        switch (address)
        {
            case InetAddress inet:
                prefix = EidPrefix.FromIPAddress(inet.Ip, maskLength, instanceId);
                return true;
            case MacAddress mac:
                prefix = new EidPrefix(EidFamily.Mac, mac.Value, maskLength, instanceId);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Allocation-free variant for the receive path.</summary>
    public static bool TryToPrefix(in AddressView address, int maskLength, out EidPrefix prefix)
    {
        prefix = default;
        var view = address;
        uint instanceId = 0;
        if (view.Afi == Afi.Lcaf)
        {
            if (!view.TryGetInstanceId(out instanceId, out var inner))
            {
                return false;
            }

            view = inner;
        }

        switch (view.Afi)
        {
            case Afi.IPv4 when maskLength is >= 0 and <= 32:
                prefix = new EidPrefix(EidFamily.IPv4, view.IPv4, maskLength, instanceId);
                return true;
            case Afi.IPv6 when maskLength is >= 0 and <= 128:
                prefix = new EidPrefix(EidFamily.IPv6, view.IPv6, maskLength, instanceId);
                return true;
            case Afi.Mac or Afi.Ieee802 when maskLength is >= 0 and <= 48:
                prefix = new EidPrefix(EidFamily.Mac, ((UInt128)System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(view.Body) << 32) | System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(view.Body[2..]), maskLength, instanceId);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The wire form of a table key: the address (in an Instance-ID LCAF when the IID is not 0) and the mask-len.</summary>
    public static (LispAddress Address, byte MaskLength) ToWire(in EidPrefix prefix)
    {
        LispAddress address = prefix.Family switch
        {
            EidFamily.IPv4 or EidFamily.IPv6 => new InetAddress(prefix.ToIPAddress()),
            EidFamily.Mac => new MacAddress((ulong)prefix.Address),
            _ => LispAddress.None,
        };
        if (prefix.InstanceId != 0)
        {
            address = new InstanceIdAddress(prefix.InstanceId, address);
        }

        return (address, (byte)prefix.Length);
    }

    /// <summary>Bytes <see cref="WriteWire"/> writes for <paramref name="prefix"/> (AFI included).</summary>
    public static int WireLength(in EidPrefix prefix)
    {
        var plain = 2 + BodyLength(prefix.Family);
        return prefix.InstanceId == 0 ? plain : 2 + LcafAddress.HeaderLength + 4 + plain;
    }

    /// <summary>
    /// Writes the wire form of a table key, byte for byte what <see cref="ToWire"/>'s address writes,
    /// without building the address objects: the reply path writes EIDs this way to allocate nothing.
    /// </summary>
    public static void WriteWire(ref SpanWriter writer, in EidPrefix prefix)
    {
        var body = BodyLength(prefix.Family);
        if (prefix.InstanceId != 0)
        {
            // Instance-ID LCAF (RFC 8060 §4.1): Rsvd1, Flags, Type 2, IID mask-len 0, Length, IID.
            writer.WriteUInt16((ushort)Afi.Lcaf);
            writer.WriteUInt16(0);
            writer.WriteUInt8((byte)LcafType.InstanceId);
            writer.WriteUInt8(0);
            writer.WriteUInt16((ushort)(4 + 2 + body));
            writer.WriteUInt32(prefix.InstanceId);
        }

        switch (prefix.Family)
        {
            case EidFamily.IPv4:
                writer.WriteUInt16((ushort)Afi.IPv4);
                writer.WriteUInt32((uint)prefix.Address);
                break;
            case EidFamily.IPv6:
                writer.WriteUInt16((ushort)Afi.IPv6);
                writer.WriteUInt128(prefix.Address);
                break;
            case EidFamily.Mac:
                writer.WriteUInt16((ushort)Afi.Mac);
                writer.WriteUInt16((ushort)(prefix.Address >> 32));
                writer.WriteUInt32((uint)prefix.Address);
                break;
            default:
                writer.WriteUInt16((ushort)Afi.None);
                break;
        }
    }

    private static int BodyLength(EidFamily family) => family switch
    {
        EidFamily.IPv4 => 4,
        EidFamily.IPv6 => 16,
        EidFamily.Mac => 6,
        _ => 0,
    };

    public static IPAddress? ToIPAddress(LispAddress address) => address switch
    {
        InetAddress inet => inet.Ip,
        InstanceIdAddress { Address: InetAddress inner } => inner.Ip,
        _ => null,
    };
}
