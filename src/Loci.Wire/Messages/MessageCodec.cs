using System.Diagnostics.CodeAnalysis;

namespace Loci.Wire;

/// <summary>Dispatches on the 4-bit packet type (RFC 9301 §5.1).</summary>
internal static class MessageCodec
{
    public static bool TryParse(ReadOnlySpan<byte> datagram, int origin, int depth, [NotNullWhen(true)] out LispMessage? message, out WireError error)
    {
        message = null;
        var reader = new SpanReader(datagram, origin);
        if (datagram.IsEmpty)
        {
            error = new WireError(WireErrorCode.Truncated, origin, "empty message");
            return false;
        }

        var ok = (MessageType)(datagram[0] >> 4) switch
        {
            MessageType.MapRequest => Adopt(MapRequest.TryRead(ref reader, out var request), request, out message),
            MessageType.MapReply => Adopt(MapReply.TryRead(ref reader, out var reply), reply, out message),
            MessageType.MapRegister => Adopt(MapRegister.TryRead(ref reader, out var register), register, out message),
            MessageType.MapNotify => Adopt(MapNotify.TryRead(ref reader, out var notify), notify, out message),
            MessageType.MapNotifyAck => Adopt(MapNotifyAck.TryRead(ref reader, out var ack), ack, out message),
            MessageType.MapReferral => Adopt(MapReferral.TryRead(ref reader, out var referral), referral, out message),
            MessageType.Info => Adopt(InfoMessage.TryRead(ref reader, out var info), info, out message),
            MessageType.EncapsulatedControlMessage => Adopt(EncapsulatedControlMessage.TryRead(ref reader, depth, out var ecm), ecm, out message),
            MessageType.SharedExtension => Adopt(SharedExtensionMessage.TryRead(ref reader, out var extension), extension, out message),
            _ => reader.Fail(WireErrorCode.UnknownMessageType, "type not assigned to a LISP control message"),
        };

        ok = WholeMessage.Finish(ref reader, ok, out error);
        if (!ok)
        {
            message = null;
        }

        return ok;
    }

    private static bool Adopt<T>(bool ok, T parsed, out LispMessage? message)
        where T : LispMessage
    {
        message = ok ? parsed : null;
        return ok;
    }
}
