using System.Globalization;

namespace Loci.Wire.Formatting;

/// <summary>
/// Decodes one UDP payload the way `loci decode`, logs and the monitor want it: never throws,
/// explains errors with the offending value, tells a capture's snap-length cut from a malformed
/// message, and keeps the fields read before a fault when that is unambiguous.
/// </summary>
public static class Dissector
{
    /// <summary>
    /// Decodes a control message (UDP port 4342). <paramref name="declaredLength"/> is the length the
    /// transport announced (UDP length - 8); when it exceeds <paramref name="payload"/> the capture cut
    /// the datagram, and only an error the missing bytes cannot explain is reported as such.
    /// </summary>
    public static Dissection DissectControl(ReadOnlySpan<byte> payload, int declaredLength = -1)
    {
        var typeName = FormatNames.PeekTypeName(payload);
        if (declaredLength > payload.Length)
        {
            return DissectCut(payload, declaredLength, typeName);
        }

        if (LispMessage.TryParse(payload, out var message, out var error))
        {
            return new Dissection { TypeName = FormatNames.TypeName(message), Message = message };
        }

        if (TrySalvageMissingXtrId(payload, out var salvaged, out var refined))
        {
            return new Dissection { TypeName = typeName, Message = salvaged, Error = refined, ErrorReason = refined.Reason };
        }

        return new Dissection { TypeName = typeName, Error = error, ErrorReason = ErrorText.Describe(error, payload) };
    }

    /// <summary>Decodes a data-plane header (UDP port 4341, RFC 9300 §5.3) and the inner packet's addresses.</summary>
    public static Dissection DissectData(ReadOnlySpan<byte> payload, int declaredLength = -1)
    {
        if (!LispDataHeader.TryRead(payload, out var header, out var error))
        {
            if (error.Code == WireErrorCode.Truncated && declaredLength > payload.Length)
            {
                error = CaptureCut(payload.Length, declaredLength);
            }

            return new Dissection { TypeName = "data", Error = error, ErrorReason = error.Reason };
        }

        // The inner packet is often cut by a short snap length; only its header is shown, so that is no error.
        InnerPacket.TryRead(payload[LispDataHeader.Length..], out var inner);
        return new Dissection { TypeName = "data", DataHeader = header, Inner = inner };
    }

    private static Dissection DissectCut(ReadOnlySpan<byte> payload, int declaredLength, string? typeName)
    {
        // Parse as if the missing bytes were zeros: a fault inside the captured part that persists
        // whatever follows (e.g. an unknown AFI, an authentication length beyond the datagram) is the
        // message's own; anything else is the capture's doing.
        var padded = new byte[declaredLength];
        payload.CopyTo(padded);
        if (!LispMessage.TryParse(padded, out _, out var error) && error.Offset < payload.Length)
        {
            return new Dissection { TypeName = typeName, Error = error, ErrorReason = ErrorText.Describe(error, padded) };
        }

        var cut = CaptureCut(payload.Length, declaredLength);
        return new Dissection { TypeName = typeName, Error = cut, ErrorReason = cut.Reason };
    }

    private static WireError CaptureCut(int captured, int declared) =>
        new(WireErrorCode.Truncated, captured, string.Create(
            CultureInfo.InvariantCulture,
            $"only {captured} of the datagram's {declared} bytes were captured"));

    /// <summary>
    /// Map-Register and Map-Notify with the I bit set but no room for the 24-byte xTR-ID/site-ID
    /// (tcpdump's lisp_eid_notify.pcap packet 3): the records themselves are whole, so show them and
    /// report the missing trailer rather than a misleading fault inside the last record.
    /// </summary>
    private static bool TrySalvageMissingXtrId(ReadOnlySpan<byte> payload, out LispMessage? message, out WireError error)
    {
        message = null;
        error = default;
        var bit = LispMessage.PeekType(payload) switch
        {
            MessageType.MapRegister => (byte)(MapRegister.XtrIdPresentFlag >> 24),
            MessageType.MapNotify => (byte)(MapNotify.XtrIdPresentFlag >> 24),
            _ => (byte)0,
        };
        if (bit == 0 || (payload[0] & bit) == 0)
        {
            return false;
        }

        var copy = payload.ToArray();
        copy[0] &= (byte)~bit;
        if (!LispMessage.TryParse(copy, out var parsed, out _) || parsed is MapNotify { Extra.IsEmpty: false })
        {
            return false;
        }

        message = parsed;
        error = new WireError(WireErrorCode.Truncated, payload.Length, "I bit set but the message ends after its records, without the 24-byte xTR-ID and site-ID");
        return true;
    }
}
