namespace Loci.Wire;

/// <summary>
/// The authentication block after the nonce of Map-Register, Map-Notify(-Ack) and Info messages
/// (RFC 9301 §5.6): Key ID (8), Algorithm ID (8), Authentication Data Length (16), data.
/// </summary>
internal static class AuthBlock
{
    public static bool TryRead(scoped ref SpanReader reader, out byte keyId, out AuthAlgorithm algorithm, out ReadOnlySpan<byte> data)
    {
        algorithm = AuthAlgorithm.None;
        data = default;
        if (!reader.TryReadUInt8(out keyId, "key ID")
            || !reader.TryReadUInt8(out var algorithmId, "algorithm ID")
            || !reader.TryReadUInt16(out var length, "authentication data length"))
        {
            return false;
        }

        // Hostile lengths are normal on an open port (PROTOCOL.md pitfall 5: 35117 in a 112-byte message).
        if (length > reader.Remaining)
        {
            return reader.FailAt(WireErrorCode.BadLength, reader.Offset - 2, "authentication data length runs past the message");
        }

        algorithm = (AuthAlgorithm)algorithmId;
        return reader.TryReadBytes(length, out data, "authentication data");
    }
}
