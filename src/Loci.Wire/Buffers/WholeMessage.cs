namespace Loci.Wire;

/// <summary>A datagram holds exactly one message: whatever follows its last field is an error.</summary>
internal static class WholeMessage
{
    public static bool Finish(scoped ref SpanReader reader, bool ok, out WireError error)
    {
        if (ok && !reader.IsAtEnd)
        {
            ok = reader.Fail(WireErrorCode.TrailingBytes, "bytes after the end of the message");
        }

        error = reader.Error;
        return ok;
    }
}
