namespace Loci.Wire;

/// <summary>A validated run of EID-records inside a message, enumerable without allocation.</summary>
public readonly ref struct EidRecordList
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly int _offset;

    internal EidRecordList(ReadOnlySpan<byte> bytes, int offset, int count)
    {
        _bytes = bytes;
        _offset = offset;
        Count = count;
    }

    public int Count { get; }

    public ReadOnlySpan<byte> Raw => _bytes;

    /// <summary>Validates <paramref name="count"/> records from the reader and returns them as a list.</summary>
    internal static bool TryRead(scoped ref SpanReader reader, int count, out EidRecordList list)
    {
        list = default;
        var startPosition = reader.Position;
        var start = reader.Offset;
        for (var i = 0; i < count; i++)
        {
            if (!EidRecordView.TryRead(ref reader, out _))
            {
                return false;
            }
        }

        list = new EidRecordList(reader.Buffer[startPosition..reader.Position], start, count);
        return true;
    }

    public Enumerator GetEnumerator() => new(_bytes, _offset, Count);

    public ref struct Enumerator
    {
        private SpanReader _reader;
        private int _left;

        internal Enumerator(ReadOnlySpan<byte> bytes, int offset, int count)
        {
            _reader = new SpanReader(bytes, offset);
            _left = count;
            Current = default;
        }

        public EidRecordView Current { get; private set; }

        public bool MoveNext()
        {
            if (_left == 0 || !EidRecordView.TryRead(ref _reader, out var view))
            {
                return false;
            }

            _left--;
            Current = view;
            return true;
        }
    }
}
