using System.Buffers.Binary;

namespace Loci.Wire;

/// <summary>
/// Big-endian writer into a caller-supplied span. Callers size the span with the message's
/// <c>GetEncodedLength()</c>; a span that is too small is a programming error and throws
/// <see cref="ArgumentException"/> (unlike parsing, where bad input is normal and never throws).
/// </summary>
public ref struct SpanWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public SpanWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly Span<byte> Written => _buffer[.._position];

    public readonly Span<byte> Buffer => _buffer;

    public void WriteUInt8(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    public void WriteUInt64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64BigEndian(_buffer[_position..], value);
        _position += 8;
    }

    public void WriteUInt128(UInt128 value)
    {
        Ensure(16);
        BinaryPrimitives.WriteUInt128BigEndian(_buffer[_position..], value);
        _position += 16;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    public void WriteZeros(int count)
    {
        Ensure(count);
        _buffer.Slice(_position, count).Clear();
        _position += count;
    }

    /// <summary>Overwrites a 16-bit value written earlier (length fields known only after the payload).</summary>
    public readonly void PatchUInt16(int position, ushort value) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[position..], value);

    private readonly void Ensure(int count)
    {
        if (_buffer.Length - _position < count)
        {
            throw new ArgumentException(
                $"Destination buffer too small: need {count} more bytes at offset {_position}, have {_buffer.Length - _position}.");
        }
    }
}
