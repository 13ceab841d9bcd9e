using System.Buffers.Binary;

namespace Loci.Wire;

/// <summary>
/// Bounds-checked big-endian reader over a datagram or a slice of it. Every read either succeeds or
/// records the first error (with the absolute datagram offset) and returns false; nothing reads past
/// the span and nothing throws. Sub-readers made by <see cref="TrySlice"/> keep absolute offsets.
/// </summary>
public ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _origin;
    private int _position;

    public SpanReader(ReadOnlySpan<byte> buffer, int origin = 0)
    {
        _buffer = buffer;
        _origin = origin;
        _position = 0;
        Error = default;
    }

    /// <summary>The first error met, or the default (Code = None).</summary>
    public WireError Error { get; private set; }

    /// <summary>Offset of the next byte, counted from the start of the datagram.</summary>
    public readonly int Offset => _origin + _position;

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    public readonly bool IsAtEnd => _position == _buffer.Length;

    /// <summary>The whole span this reader was made over.</summary>
    public readonly ReadOnlySpan<byte> Buffer => _buffer;

    public readonly ReadOnlySpan<byte> RemainingSpan => _buffer[_position..];

    /// <summary>Records <paramref name="code"/> at the current offset (if no error is recorded yet) and returns false.</summary>
    public bool Fail(WireErrorCode code, string detail) => FailAt(code, Offset, detail);

    public bool FailAt(WireErrorCode code, int absoluteOffset, string detail)
    {
        if (!Error.IsError)
        {
            Error = new WireError(code, absoluteOffset, detail);
        }

        return false;
    }

    /// <summary>Adopts the error of a sub-reader and returns false.</summary>
    public bool Fail(in WireError error)
    {
        if (!Error.IsError)
        {
            Error = error;
        }

        return false;
    }

    public bool TryReadUInt8(out byte value, string what)
    {
        if (Remaining < 1)
        {
            value = 0;
            return Fail(WireErrorCode.Truncated, what);
        }

        value = _buffer[_position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value, string what)
    {
        if (Remaining < 2)
        {
            value = 0;
            return Fail(WireErrorCode.Truncated, what);
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(_buffer[_position..]);
        _position += 2;
        return true;
    }

    public bool TryReadUInt32(out uint value, string what)
    {
        if (Remaining < 4)
        {
            value = 0;
            return Fail(WireErrorCode.Truncated, what);
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_buffer[_position..]);
        _position += 4;
        return true;
    }

    public bool TryReadUInt64(out ulong value, string what)
    {
        if (Remaining < 8)
        {
            value = 0;
            return Fail(WireErrorCode.Truncated, what);
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(_buffer[_position..]);
        _position += 8;
        return true;
    }

    public bool TryReadUInt128(out UInt128 value, string what)
    {
        if (Remaining < 16)
        {
            value = 0;
            return Fail(WireErrorCode.Truncated, what);
        }

        value = BinaryPrimitives.ReadUInt128BigEndian(_buffer[_position..]);
        _position += 16;
        return true;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> bytes, string what)
    {
        if (count < 0 || Remaining < count)
        {
            bytes = default;
            return Fail(WireErrorCode.Truncated, what);
        }

        bytes = _buffer.Slice(_position, count);
        _position += count;
        return true;
    }

    /// <summary>Takes the next <paramref name="count"/> bytes as an independent reader with absolute offsets.</summary>
    public bool TrySlice(int count, out SpanReader slice, string what)
    {
        var start = Offset;
        if (!TryReadBytes(count, out var bytes, what))
        {
            slice = default;
            return false;
        }

        slice = new SpanReader(bytes, start);
        return true;
    }

    public bool TrySkip(int count, string what) => TryReadBytes(count, out _, what);

    public readonly byte PeekUInt8() => _buffer[_position];
}
