using System.Diagnostics.CodeAnalysis;

namespace Loci.Wire;

/// <summary>
/// A LISP control message (RFC 9301 §5). Immutable model with value equality, used for state, the
/// CLI, JSON and tests. <see cref="TryParse"/> never throws on bad input; writing goes into a span
/// sized by <see cref="EncodedLength"/>.
/// </summary>
public abstract record LispMessage
{
    /// <summary>Mask of the 4-bit type field in the first word (RFC 9301 §5.1).</summary>
    public const uint TypeMask = 0xF000_0000;

    private protected LispMessage()
    {
    }

    public abstract MessageType Type { get; }

    public abstract int EncodedLength { get; }

    internal abstract void Write(ref SpanWriter writer);

    /// <summary>Writes the message and returns the byte count. Throws <see cref="ArgumentException"/> if <paramref name="destination"/> is too small.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var writer = new SpanWriter(destination);
        Write(ref writer);
        return writer.Position;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        var written = WriteTo(bytes);
        if (written != bytes.Length)
        {
            throw new InvalidOperationException($"{Type} wrote {written} bytes, computed {bytes.Length}.");
        }

        return bytes;
    }

    /// <summary>Parses one control message (the UDP payload of a port-4342 datagram).</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out LispMessage? message, out WireError error) =>
        MessageCodec.TryParse(datagram, 0, 0, out message, out error);

    public static LispMessage Parse(ReadOnlySpan<byte> datagram) =>
        TryParse(datagram, out var message, out var error) ? message : throw new WireFormatException(error);

    /// <summary>The type announced by the first byte, without parsing the rest.</summary>
    public static MessageType PeekType(ReadOnlySpan<byte> datagram) =>
        datagram.IsEmpty ? MessageType.Reserved : (MessageType)(datagram[0] >> 4);
}
