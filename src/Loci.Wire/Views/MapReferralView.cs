namespace Loci.Wire;

/// <summary>
/// Zero-copy, allocation-free view of a Map-Referral (RFC 8111 §6.4; layout in <see cref="MapReferral"/>)
/// for the DDT receive path: <see cref="TryParse"/> validates the whole message, every record's
/// referral set and signature sections included, after which enumerating is infallible.
/// </summary>
public readonly ref struct MapReferralView
{
    private readonly ReadOnlySpan<byte> _records;
    private readonly int _recordsOffset;

    private MapReferralView(uint header, ulong nonce, ReadOnlySpan<byte> records, int recordsOffset)
    {
        Header = header;
        Nonce = nonce;
        _records = records;
        _recordsOffset = recordsOffset;
    }

    public uint Header { get; }

    public ulong Nonce { get; }

    public int RecordCount => (int)(Header & MapReferral.RecordCountMask);

    public RecordEnumerator Records => new(_records, _recordsOffset, RecordCount);

    /// <summary>Validates a whole Map-Referral. Never throws; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out MapReferralView view, out WireError error)
    {
        var reader = new SpanReader(datagram);
        return WholeMessage.Finish(ref reader, TryRead(ref reader, out view), out error);
    }

    private static bool TryRead(scoped ref SpanReader reader, out MapReferralView view)
    {
        view = default;
        if (!reader.TryReadUInt32(out var header, "map-referral header")
            || !reader.TryReadUInt64(out var nonce, "map-referral nonce"))
        {
            return false;
        }

        if (header >> 28 != (uint)MessageType.MapReferral)
        {
            return reader.FailAt(WireErrorCode.UnknownMessageType, 0, "not a Map-Referral");
        }

        var recordsPosition = reader.Position;
        var recordsOffset = reader.Offset;
        var count = (int)(header & MapReferral.RecordCountMask);
        for (var i = 0; i < count; i++)
        {
            if (!ReferralRecordView.TryRead(ref reader, out _))
            {
                return false;
            }
        }

        view = new MapReferralView(header, nonce, reader.Buffer[recordsPosition..reader.Position], recordsOffset);
        return true;
    }

    /// <summary>Enumerates validated referral records.</summary>
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

        public ReferralRecordView Current { get; private set; }

        public readonly RecordEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_left == 0 || !ReferralRecordView.TryRead(ref _reader, out var view))
            {
                return false;
            }

            _left--;
            Current = view;
            return true;
        }
    }
}
