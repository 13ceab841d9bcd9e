namespace Loci.Wire;

/// <summary>
/// LISP Shared Extension Message, type 15 (RFC 9304 §3): a container whose 12-bit Sub-type names
/// the extension; everything after the Sub-type is extension-specific and kept opaque.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Type=15|     Sub-type          |     extension-specific        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// //                     extension-specific                      //
/// </code>
/// </summary>
public sealed record SharedExtensionMessage : LispMessage
{
    public const ushort MaxSubType = 0x0FFF;

    public SharedExtensionMessage(ushort subType, EquatableArray<byte> body)
    {
        if (subType > MaxSubType)
        {
            throw new ArgumentOutOfRangeException(nameof(subType), "Sub-type has 12 bits.");
        }

        if (body.Count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(body), "The first word's last 16 bits belong to the body: at least 2 bytes.");
        }

        SubType = subType;
        Body = body;
    }

    public override MessageType Type => MessageType.SharedExtension;

    public ushort SubType { get; init; }

    /// <summary>Everything after the Sub-type, starting with the 16 extension-specific bits of the first word.</summary>
    public EquatableArray<byte> Body { get; init; }

    public override int EncodedLength => 2 + Body.Count;

    internal override void Write(ref SpanWriter writer)
    {
        writer.WriteUInt16((ushort)(((int)MessageType.SharedExtension << 12) | SubType));
        writer.WriteBytes(Body.AsSpan());
    }

    internal static bool TryRead(ref SpanReader reader, out SharedExtensionMessage message)
    {
        message = null!;
        if (!reader.TryReadUInt16(out var first, "shared extension sub-type")
            || !reader.TryReadBytes(reader.Remaining, out var body, "shared extension body"))
        {
            return false;
        }

        if (body.Length < 2)
        {
            return reader.Fail(WireErrorCode.Truncated, "shared extension first word");
        }

        message = new SharedExtensionMessage((ushort)(first & MaxSubType), body.ToArray());
        return true;
    }
}
