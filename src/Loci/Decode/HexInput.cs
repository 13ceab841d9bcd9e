namespace Loci.Decode;

/// <summary>Hex text input: digit pairs with optional spaces, colons, dashes and a leading 0x.</summary>
internal static class HexInput
{
    public static bool LooksLikeHex(string text) => TryParse(text, out _, out _);

    public static bool LooksLikeHex(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return false;
        }

        foreach (var b in bytes)
        {
            if (!(char.IsAsciiHexDigit((char)b) || b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)':' or (byte)'-' or (byte)'x'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryParse(string text, out byte[] bytes, out string? error)
    {
        bytes = [];
        var digits = new char[text.Length];
        var count = 0;
        var span = text.AsSpan().Trim();
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        foreach (var c in span)
        {
            if (char.IsAsciiHexDigit(c))
            {
                digits[count++] = c;
            }
            else if (!(char.IsWhiteSpace(c) || c is ':' or '-'))
            {
                error = $"'{c}' is not a hex digit";
                return false;
            }
        }

        if (count == 0)
        {
            error = "no hex digits";
            return false;
        }

        if (count % 2 != 0)
        {
            error = $"odd number of hex digits ({count})";
            return false;
        }

        bytes = Convert.FromHexString(digits.AsSpan(0, count));
        error = null;
        return true;
    }
}
