namespace Loci.Wire;

/// <summary>
/// Zero-copy, allocation-free view of an Encapsulated Control Message (RFC 9301 §5.8; layout in
/// <see cref="EncapsulatedControlMessage"/>) for the receive path. <see cref="TryParse"/> checks the
/// ECM header, the LISP-SEC lengths and the inner IP/UDP headers as the model parser does, and that
/// the inner message fills the rest of the datagram; the inner message itself is left to the view of
/// its type (<see cref="Inner"/>), so a caller that wants only Map-Requests parses nothing else.
/// </summary>
public readonly ref struct EcmView
{
    private EcmView(uint header, ReadOnlySpan<byte> securityData, InnerHeaderView headers, ReadOnlySpan<byte> inner, int innerOffset)
    {
        Header = header;
        SecurityData = securityData;
        Headers = headers;
        Inner = inner;
        InnerOffset = innerOffset;
    }

    public uint Header { get; }

    /// <summary>D: sent by a DDT client (RFC 8111 §6.3).</summary>
    public bool DdtOriginated => (Header & EncapsulatedControlMessage.DdtOriginatedFlag) != 0;

    /// <summary>E: forwarded by a Map-Server to an ETR.</summary>
    public bool ToEtr => (Header & EncapsulatedControlMessage.ToEtrFlag) != 0;

    /// <summary>M: on its way from a Map-Resolver to a Map-Server.</summary>
    public bool ToMapServer => (Header & EncapsulatedControlMessage.ToMapServerFlag) != 0;

    /// <summary>LISP-SEC ECM authentication data (S set), else empty.</summary>
    public ReadOnlySpan<byte> SecurityData { get; }

    public InnerHeaderView Headers { get; }

    /// <summary>The inner LISP message.</summary>
    public ReadOnlySpan<byte> Inner { get; }

    /// <summary>Offset of <see cref="Inner"/> in the datagram, for error positions.</summary>
    public int InnerOffset { get; }

    public MessageType InnerType => Inner.IsEmpty ? 0 : (MessageType)(Inner[0] >> 4);

    /// <summary>Validates the ECM framing. Never throws; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out EcmView view, out WireError error)
    {
        var reader = new SpanReader(datagram);
        return WholeMessage.Finish(ref reader, TryRead(ref reader, out view), out error);
    }

    private static bool TryRead(scoped ref SpanReader reader, out EcmView view)
    {
        view = default;
        if (!reader.TryReadUInt32(out var header, "ECM header"))
        {
            return false;
        }

        if (header >> 28 != (uint)MessageType.EncapsulatedControlMessage)
        {
            return reader.FailAt(WireErrorCode.UnknownMessageType, 0, "not an Encapsulated Control Message");
        }

        ReadOnlySpan<byte> security = default;
        if ((header & EncapsulatedControlMessage.SecurityFlag) != 0 && !EncapsulatedControlMessage.TrySliceSecurityData(ref reader, out security))
        {
            return false;
        }

        if (!InnerHeaderView.TryRead(ref reader, out var headers))
        {
            return false;
        }

        var innerOffset = reader.Offset;
        if (!reader.TryReadBytes(headers.PayloadLength, out var inner, "ECM inner message"))
        {
            return false;
        }

        view = new EcmView(header, security, headers, inner, innerOffset);
        return true;
    }
}
