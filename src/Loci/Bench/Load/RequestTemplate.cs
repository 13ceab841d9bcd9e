using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Bench.Load;

/// <summary>
/// One preencoded Map-Request for one EID family, native or in an ECM, written by the codec with a
/// placeholder EID, with the offsets of the fields patched per message. The request record is the last
/// thing in both layouts (no M or I trailer), so the EID sits at the end of the message.
/// </summary>
internal sealed class RequestTemplate
{
    private const int UdpProtocol = 17;

    private readonly byte[] _bytes;
    private readonly int _nonceOffset;
    private readonly int _eidOffset;
    private readonly int _addressLength;
    private readonly bool _encapsulated;
    private readonly bool _innerIPv4;
    private readonly int _innerAddressesOffset;
    private readonly int _innerDestinationOffset;
    private readonly int _udpOffset;

    private RequestTemplate(byte[] bytes, int addressLength, bool encapsulated, bool innerIPv4)
    {
        _bytes = bytes;
        _addressLength = addressLength;
        _eidOffset = bytes.Length - addressLength;
        _encapsulated = encapsulated;
        _innerIPv4 = innerIPv4;
        if (encapsulated)
        {
            // ECM header (4), inner IP header (20 / 40), inner UDP header (8), then the Map-Request (RFC 9301 §5.8).
            const int ipOffset = 4;
            _innerAddressesOffset = ipOffset + (innerIPv4 ? 12 : 8);
            var innerAddressLength = innerIPv4 ? 4 : 16;
            _innerDestinationOffset = _innerAddressesOffset + innerAddressLength;
            _udpOffset = _innerDestinationOffset + innerAddressLength;
            _nonceOffset = _udpOffset + 8 + 4;
        }
        else
        {
            _nonceOffset = 4;
        }
    }

    public int Length => _bytes.Length;

    /// <summary>
    /// A Map-Request for a host EID of <paramref name="family"/>, ITR-RLOC <paramref name="itrRloc"/>, no
    /// source EID (AFI 0). Encapsulated, the inner source is the ITR-RLOC when the families agree,
    /// else the unspecified address of the EID's family (an ECM's inner header is of one family).
    /// </summary>
    public static RequestTemplate Create(EidFamily family, IPAddress itrRloc, bool encapsulate, bool ddtOriginated)
    {
        var placeholder = family == EidFamily.IPv4 ? IPAddress.Any : IPAddress.IPv6Any;
        var eid = new InetAddress(placeholder);
        var request = new MapRequest(0, LispAddress.None, new LispAddress[] { new InetAddress(itrRloc) }, new[] { new MapRequestRecord(eid, (byte)eid.AddressBits) });
        if (!encapsulate)
        {
            return new RequestTemplate(request.ToArray(), eid.BodyLength, encapsulated: false, innerIPv4: false);
        }

        var innerSource = itrRloc.AddressFamily == placeholder.AddressFamily ? itrRloc : placeholder;
        var ecm = new EncapsulatedControlMessage(innerSource, placeholder, 0, LispPorts.ControlPlane, request) { DdtOriginated = ddtOriginated };
        return new RequestTemplate(ecm.ToArray(), eid.BodyLength, encapsulated: true, innerIPv4: placeholder.AddressFamily == AddressFamily.InterNetwork);
    }

    /// <summary>Writes the request for <paramref name="eid"/> (a host prefix of this family) from a socket on <paramref name="port"/>.</summary>
    public int Write(Span<byte> destination, ulong nonce, in EidPrefix eid, ushort port)
    {
        var message = destination[.._bytes.Length];
        _bytes.CopyTo(message);
        BinaryPrimitives.WriteUInt64BigEndian(message[_nonceOffset..], nonce);
        eid.WriteAddressBytes(message[_eidOffset..]);
        if (_encapsulated)
        {
            PatchInnerHeaders(message, port);
        }

        return message.Length;
    }

    /// <summary>
    /// The inner destination is the EID and the inner UDP source port the socket's (the Map-Server
    /// answers ITR-RLOC at that port, RFC 9301 §5.8), so both checksums change per message.
    /// </summary>
    private void PatchInnerHeaders(Span<byte> message, ushort port)
    {
        message.Slice(_eidOffset, _addressLength).CopyTo(message[_innerDestinationOffset..]);
        BinaryPrimitives.WriteUInt16BigEndian(message[_udpOffset..], port);
        if (_innerIPv4)
        {
            var ipHeader = message.Slice(4, 20);
            BinaryPrimitives.WriteUInt16BigEndian(ipHeader[10..], 0);
            BinaryPrimitives.WriteUInt16BigEndian(ipHeader[10..], InternetChecksum.Compute(ipHeader));
        }

        // UDP checksum (RFC 768; mandatory for IPv6, RFC 8200 §8.1): pseudo-header addresses, protocol and
        // length, then the segment. The partial sums come from InternetChecksum (its complement is the sum).
        var udp = message[_udpOffset..];
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        var addresses = message[_innerAddressesOffset.._udpOffset];
        var sum = (uint)(ushort)~InternetChecksum.Compute(addresses) + UdpProtocol + (uint)udp.Length + (ushort)~InternetChecksum.Compute(udp);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        var checksum = (ushort)~sum;
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
    }
}
