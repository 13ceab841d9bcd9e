using System.Buffers.Binary;

namespace Loci.Capture;

/// <summary>Finds the IP header behind a link-layer header (Ethernet with 802.1Q/802.1ad tags, Linux cooked v1/v2, loopback, raw).</summary>
internal static class LinkLayer
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const ushort EtherTypeQinQOld = 0x9100;

    /// <summary>The offset of the IP header, -1 when the frame carries no IP, -2 when it is cut inside the link header.</summary>
    public static int FindIp(int linkType, ReadOnlySpan<byte> frame) => linkType switch
    {
        LinkTypes.Ethernet => Ethernet(frame),
        LinkTypes.LinuxSll => frame.Length < 16 ? -2 : EtherTypeOffset(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), 16),
        LinkTypes.LinuxSll2 => frame.Length < 20 ? -2 : EtherTypeOffset(BinaryPrimitives.ReadUInt16BigEndian(frame), 20),
        LinkTypes.Null => Loopback(frame, bothOrders: true),
        LinkTypes.Loop => Loopback(frame, bothOrders: false),
        LinkTypes.Raw or LinkTypes.RawAlt12 or LinkTypes.RawAlt14 or LinkTypes.Ipv4 or LinkTypes.Ipv6 => 0,
        _ => -1,
    };

    private static int Ethernet(ReadOnlySpan<byte> frame)
    {
        var offset = 12;
        while (true)
        {
            if (frame.Length < offset + 2)
            {
                return -2;
            }

            var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
            if (etherType is EtherTypeVlan or EtherTypeQinQ or EtherTypeQinQOld)
            {
                // IEEE 802.1Q tag: 2 bytes TCI, then the next EtherType; stacked tags repeat.
                offset += 4;
                continue;
            }

            return EtherTypeOffset(etherType, offset + 2);
        }
    }

    private static int EtherTypeOffset(ushort etherType, int offset) =>
        etherType is EtherTypeIpv4 or EtherTypeIpv6 ? offset : -1;

    /// <summary>
    /// BSD loopback: the address family as a 4-byte integer in the capturing host's order (so both are
    /// tried for LINKTYPE_NULL): 2 is IPv4; 10 (Linux), 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (Darwin) are IPv6.
    /// </summary>
    private static int Loopback(ReadOnlySpan<byte> frame, bool bothOrders)
    {
        if (frame.Length < 4)
        {
            return -2;
        }

        var big = BinaryPrimitives.ReadUInt32BigEndian(frame);
        var little = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        return IsIpFamily(big) || (bothOrders && IsIpFamily(little)) ? 4 : -1;
    }

    private static bool IsIpFamily(uint family) => family is 2 or 10 or 24 or 28 or 30;
}
