using System.Buffers.Binary;
using System.Globalization;

namespace Loci.Wire.Formatting;

/// <summary>
/// Turns a <see cref="WireError"/> into a sentence with the offending value where the bytes show it,
/// as tcpdump does ("unsupported address family identifier 7680", "authentication data length 35117 > 112").
/// </summary>
internal static class ErrorText
{
    public static string Describe(in WireError error, ReadOnlySpan<byte> datagram)
    {
        var offset = error.Offset;
        if (error.Code == WireErrorCode.UnknownAfi && offset >= 0 && offset + 2 <= datagram.Length)
        {
            var afi = BinaryPrimitives.ReadUInt16BigEndian(datagram[offset..]);
            return "unknown AFI " + afi.ToString(CultureInfo.InvariantCulture) + ": " + error.Detail;
        }

        var type = LispMessage.PeekType(datagram);
        var authenticated = type is MessageType.MapRegister or MessageType.MapNotify or MessageType.MapNotifyAck or MessageType.Info;
        if (error.Code == WireErrorCode.BadLength && authenticated && offset == AuthenticatedMessage.AuthLengthOffset && datagram.Length >= 16)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[offset..]);
            return "bad length: authentication data length " + length.ToString(CultureInfo.InvariantCulture) + " > "
                + (datagram.Length - AuthenticatedMessage.AuthDataOffset).ToString(CultureInfo.InvariantCulture) + " bytes left in the message";
        }

        return error.Reason;
    }
}
