namespace Loci.Wire;

/// <summary>Zero-copy, allocation-free view of a Map-Reply (RFC 9301 §5.4; layout in <see cref="MapReply"/>).</summary>
public readonly ref struct MapReplyView
{
    private MapReplyView(uint header, ulong nonce, EidRecordList records, ReadOnlySpan<byte> securityData)
    {
        Header = header;
        Nonce = nonce;
        Records = records;
        SecurityData = securityData;
    }

    public uint Header { get; }

    public ulong Nonce { get; }

    public bool Probe => (Header & MapReply.ProbeFlag) != 0;

    public bool EchoNonceCapable => (Header & MapReply.EchoNonceCapableFlag) != 0;

    public bool Security => (Header & MapReply.SecurityFlag) != 0;

    public EidRecordList Records { get; }

    public ReadOnlySpan<byte> SecurityData { get; }

    public static bool TryParse(ReadOnlySpan<byte> datagram, out MapReplyView view, out WireError error)
    {
        var reader = new SpanReader(datagram);
        return WholeMessage.Finish(ref reader, TryRead(ref reader, out view), out error);
    }

    private static bool TryRead(scoped ref SpanReader reader, out MapReplyView view)
    {
        view = default;
        if (!reader.TryReadUInt32(out var header, "map-reply header")
            || !reader.TryReadUInt64(out var nonce, "map-reply nonce"))
        {
            return false;
        }

        if (header >> 28 != (uint)MessageType.MapReply)
        {
            return reader.FailAt(WireErrorCode.UnknownMessageType, 0, "not a Map-Reply");
        }

        if (!EidRecordList.TryRead(ref reader, (int)(header & MapReply.RecordCountMask), out var records))
        {
            return false;
        }

        ReadOnlySpan<byte> security = default;
        if ((header & MapReply.SecurityFlag) != 0)
        {
            reader.TryReadBytes(reader.Remaining, out security, "LISP-SEC data");
        }

        view = new MapReplyView(header, nonce, records, security);
        return true;
    }
}
