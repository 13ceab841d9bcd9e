namespace Loci.Wire;

/// <summary>
/// Zero-copy, allocation-free view of a Map-Request (RFC 9301 §5.2; layout in <see cref="MapRequest"/>)
/// for the receive path: <see cref="TryParse"/> validates the whole message exactly as the model
/// parser does, after which every accessor and enumerator is infallible.
/// </summary>
public readonly ref struct MapRequestView
{
    private readonly ReadOnlySpan<byte> _itrRlocs;
    private readonly int _itrRlocsOffset;
    private readonly ReadOnlySpan<byte> _records;
    private readonly int _recordsOffset;
    private readonly ReadOnlySpan<byte> _mapReply;
    private readonly int _mapReplyOffset;

    private MapRequestView(uint header, ulong nonce, AddressView sourceEid, ReadOnlySpan<byte> itrRlocs, int itrRlocsOffset, ReadOnlySpan<byte> records, int recordsOffset, ReadOnlySpan<byte> mapReply, int mapReplyOffset, ReadOnlySpan<byte> trailer)
    {
        Header = header;
        Nonce = nonce;
        SourceEid = sourceEid;
        _itrRlocs = itrRlocs;
        _itrRlocsOffset = itrRlocsOffset;
        _records = records;
        _recordsOffset = recordsOffset;
        _mapReply = mapReply;
        _mapReplyOffset = mapReplyOffset;
        Trailer = trailer;
    }

    public uint Header { get; }

    public ulong Nonce { get; }

    public bool Authoritative => (Header & MapRequest.AuthoritativeFlag) != 0;

    public bool Probe => (Header & MapRequest.ProbeFlag) != 0;

    public bool SolicitMapRequest => (Header & MapRequest.SmrFlag) != 0;

    public bool ProxyItr => (Header & MapRequest.ProxyItrFlag) != 0;

    public bool SmrInvoked => (Header & MapRequest.SmrInvokedFlag) != 0;

    public bool LocalXtr => (Header & MapRequest.LocalXtrFlag) != 0;

    public bool DontMapReply => (Header & MapRequest.DontMapReplyFlag) != 0;

    public int ItrRlocCount => (int)((Header & MapRequest.ItrRlocCountMask) >> MapRequest.ItrRlocCountShift) + 1;

    public int RecordCount => (int)(Header & MapRequest.RecordCountMask);

    public AddressView SourceEid { get; }

    /// <summary>The xTR-ID/site-ID trailer (16 or 24 bytes) when the I bit is set, else empty.</summary>
    public ReadOnlySpan<byte> Trailer { get; }

    public AddressEnumerator ItrRlocs => new(_itrRlocs, _itrRlocsOffset, ItrRlocCount);

    public RecordEnumerator Records => new(_records, _recordsOffset, RecordCount);

    public bool HasMapReplyRecord => !_mapReply.IsEmpty;

    /// <summary>The requester's own mapping when M is set.</summary>
    public EidRecordView MapReplyRecord
    {
        get
        {
            var reader = new SpanReader(_mapReply, _mapReplyOffset);
            EidRecordView.TryRead(ref reader, out var view);
            return view;
        }
    }

    /// <summary>Validates a whole Map-Request. Never throws; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out MapRequestView view, out WireError error)
    {
        var reader = new SpanReader(datagram);
        return WholeMessage.Finish(ref reader, TryRead(ref reader, out view), out error);
    }

    private static bool TryRead(scoped ref SpanReader reader, out MapRequestView view)
    {
        view = default;
        if (!reader.TryReadUInt32(out var header, "map-request header")
            || !reader.TryReadUInt64(out var nonce, "map-request nonce")
            || !AddressView.TryRead(ref reader, out var sourceEid))
        {
            return false;
        }

        if (header >> 28 != (uint)MessageType.MapRequest)
        {
            return reader.FailAt(WireErrorCode.UnknownMessageType, 0, "not a Map-Request");
        }

        var buffer = reader.Buffer;
        var rlocStart = reader.Position;
        var rlocOffset = reader.Offset;
        var rlocCount = (int)((header & MapRequest.ItrRlocCountMask) >> MapRequest.ItrRlocCountShift) + 1;
        for (var i = 0; i < rlocCount; i++)
        {
            if (!AddressView.TryRead(ref reader, out _))
            {
                return false;
            }
        }

        var recordStart = reader.Position;
        var recordOffset = reader.Offset;
        var recordCount = (int)(header & MapRequest.RecordCountMask);
        for (var i = 0; i < recordCount; i++)
        {
            var recordAt = reader.Offset;
            if (!reader.TryReadUInt8(out _, "request record flags")
                || !reader.TryReadUInt8(out var maskLength, "request EID mask-len")
                || !AddressView.TryRead(ref reader, out var eid))
            {
                return false;
            }

            if (!PrefixLimit.Fits(eid, maskLength))
            {
                return reader.FailAt(WireErrorCode.BadValue, recordAt + 1, "EID mask-len wider than the address");
            }
        }

        var mapReplyStart = reader.Position;
        var mapReplyOffset = reader.Offset;
        if ((header & MapRequest.MapDataPresentFlag) != 0 && !EidRecordView.TryRead(ref reader, out _))
        {
            return false;
        }

        var mapReplyEnd = reader.Position;
        ReadOnlySpan<byte> trailer = default;
        if ((header & MapRequest.XtrIdPresentFlag) != 0)
        {
            if (reader.Remaining is not (16 or 24))
            {
                return reader.Fail(WireErrorCode.BadLength, "I bit set but the xTR-ID trailer is not 16 or 24 bytes");
            }

            reader.TryReadBytes(reader.Remaining, out trailer, "xTR-ID");
        }

        view = new MapRequestView(
            header,
            nonce,
            sourceEid,
            buffer[rlocStart..recordStart],
            rlocOffset,
            buffer[recordStart..mapReplyStart],
            recordOffset,
            buffer[mapReplyStart..mapReplyEnd],
            mapReplyOffset,
            trailer);
        return true;
    }

    /// <summary>Enumerates validated addresses.</summary>
    public ref struct AddressEnumerator
    {
        private SpanReader _reader;
        private int _left;

        internal AddressEnumerator(ReadOnlySpan<byte> bytes, int offset, int count)
        {
            _reader = new SpanReader(bytes, offset);
            _left = count;
            Current = default;
        }

        public AddressView Current { get; private set; }

        public readonly AddressEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_left == 0 || !AddressView.TryRead(ref _reader, out var view))
            {
                return false;
            }

            _left--;
            Current = view;
            return true;
        }
    }

    /// <summary>Enumerates validated request records as (mask-len, EID).</summary>
    public ref struct RecordEnumerator
    {
        private SpanReader _reader;
        private int _left;

        internal RecordEnumerator(ReadOnlySpan<byte> bytes, int offset, int count)
        {
            _reader = new SpanReader(bytes, offset);
            _left = count;
            Current = default;
        }

        public MapRequestRecordView Current { get; private set; }

        public readonly RecordEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_left == 0
                || !_reader.TryReadUInt8(out var flags, "request record flags")
                || !_reader.TryReadUInt8(out var maskLength, "request EID mask-len")
                || !AddressView.TryRead(ref _reader, out var eid))
            {
                return false;
            }

            _left--;
            Current = new MapRequestRecordView((flags & MapRequestRecord.NotifyFlag) != 0, maskLength, eid);
            return true;
        }
    }
}
