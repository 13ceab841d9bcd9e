namespace Loci.Wire.Tests.Support;

/// <summary>
/// The truncation property: every proper prefix of a valid encoding must be rejected with an error
/// whose offset lies inside the prefix, and must never throw or read past the span.
/// </summary>
public static class Truncation
{
    public delegate bool SpanParser(ReadOnlySpan<byte> bytes, out WireError error);

    public static void AssertEveryPrefixFails(byte[] encoded, SpanParser parse, int validShorterLength = -1)
    {
        for (var length = 0; length < encoded.Length; length++)
        {
            if (length == validShorterLength)
            {
                continue;
            }

            // A fresh exact-size array: reading past it would throw, which the test would report.
            var prefix = encoded.AsSpan(0, length).ToArray();
            bool ok;
            WireError error;
            try
            {
                ok = parse(prefix, out error);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"Parser threw on a {length}-byte prefix of {encoded.Length}: {ex}");
            }

            if (ok)
            {
                throw new Xunit.Sdk.XunitException($"A {length}-byte prefix of a {encoded.Length}-byte message parsed successfully.");
            }

            if (error.Code == WireErrorCode.None || error.Offset < 0 || error.Offset > length)
            {
                throw new Xunit.Sdk.XunitException($"Prefix {length}: error {error} has no code or an offset outside the prefix.");
            }
        }
    }

    /// <summary>
    /// The one prefix of a message that is itself valid, or -1: a Map-Request with xTR-ID and site-ID
    /// cut 8 bytes short is a valid xTR-ID-only request (the lispers.net form, RFC 9437 note in MapRequest).
    /// </summary>
    public static int ValidShorterLength(LispMessage message, int encodedLength) =>
        message is MapRequest { XtrId: not null, SiteId: not null } ? encodedLength - 8 : -1;

    /// <summary>Parses an address that must consume the whole span.</summary>
    public static bool ParseWholeAddress(ReadOnlySpan<byte> bytes, out WireError error)
    {
        var reader = new SpanReader(bytes);
        if (!LispAddress.TryRead(ref reader, out _))
        {
            error = reader.Error;
            return false;
        }

        if (!reader.IsAtEnd)
        {
            error = new WireError(WireErrorCode.TrailingBytes, reader.Offset, "address");
            return false;
        }

        error = default;
        return true;
    }
}
