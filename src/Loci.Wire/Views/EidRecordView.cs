namespace Loci.Wire;

/// <summary>
/// Zero-copy view of an EID-record (RFC 9301 §5.4; layout in <see cref="EidRecord"/>). Reading
/// validates the whole record, locators included, so enumerating its locators cannot fail.
/// </summary>
public readonly ref struct EidRecordView
{
    private readonly ReadOnlySpan<byte> _locators;
    private readonly int _locatorsOffset;

    private EidRecordView(uint ttl, byte locatorCount, byte maskLength, ushort flags, ushort version, AddressView eid, ReadOnlySpan<byte> locators, int locatorsOffset, ReadOnlySpan<byte> raw)
    {
        Ttl = ttl;
        LocatorCount = locatorCount;
        MaskLength = maskLength;
        Flags = flags;
        MapVersion = (ushort)(version & EidRecord.MapVersionMask);
        Eid = eid;
        _locators = locators;
        _locatorsOffset = locatorsOffset;
        Raw = raw;
    }

    public uint Ttl { get; }

    public byte LocatorCount { get; }

    public byte MaskLength { get; }

    public ushort Flags { get; }

    public MapReplyAction Action => (MapReplyAction)(Flags >> EidRecord.ActionShift);

    public bool Authoritative => (Flags & EidRecord.AuthoritativeFlag) != 0;

    public ushort MapVersion { get; }

    public AddressView Eid { get; }

    /// <summary>The record's bytes, e.g. to copy it into a Map-Notify or a Map-Reply unchanged.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    public LocatorEnumerator Locators => new(_locators, _locatorsOffset, LocatorCount);

    internal static bool TryRead(scoped ref SpanReader reader, out EidRecordView view)
    {
        view = default;
        var startPosition = reader.Position;
        var start = reader.Offset;
        if (!reader.TryReadUInt32(out var ttl, "record TTL")
            || !reader.TryReadUInt8(out var count, "locator count")
            || !reader.TryReadUInt8(out var maskLength, "EID mask-len")
            || !reader.TryReadUInt16(out var flags, "record flags")
            || !reader.TryReadUInt16(out var version, "map-version")
            || !AddressView.TryRead(ref reader, out var eid))
        {
            return false;
        }

        if (!PrefixLimit.Fits(eid, maskLength))
        {
            return reader.FailAt(WireErrorCode.BadValue, start + 5, "EID mask-len wider than the address");
        }

        var locatorsPosition = reader.Position;
        var locatorsOffset = reader.Offset;
        for (var i = 0; i < count; i++)
        {
            if (!LocatorView.TryRead(ref reader, out _))
            {
                return false;
            }
        }

        var buffer = reader.Buffer;
        view = new EidRecordView(ttl, count, maskLength, flags, version, eid, buffer[locatorsPosition..reader.Position], locatorsOffset, buffer[startPosition..reader.Position]);
        return true;
    }

    /// <summary>Materialises the model (allocates).</summary>
    public EidRecord ToRecord()
    {
        var reader = new SpanReader(Raw);
        return EidRecord.TryRead(ref reader, out var record) ? record : throw new WireFormatException(reader.Error);
    }

    /// <summary>Enumerates validated locator records.</summary>
    public ref struct LocatorEnumerator
    {
        private SpanReader _reader;
        private int _left;

        internal LocatorEnumerator(ReadOnlySpan<byte> bytes, int offset, int count)
        {
            _reader = new SpanReader(bytes, offset);
            _left = count;
            Current = default;
        }

        public LocatorView Current { get; private set; }

        public readonly LocatorEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_left == 0 || !LocatorView.TryRead(ref _reader, out var view))
            {
                return false;
            }

            _left--;
            Current = view;
            return true;
        }
    }
}
