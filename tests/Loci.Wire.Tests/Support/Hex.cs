using System.Globalization;
using System.Text;

namespace Loci.Wire.Tests.Support;

/// <summary>
/// Golden vectors are written as annotated hex: pairs of hex digits, whitespace ignored, and
/// "//" starting a comment to the end of the line, so each field can carry its offset and meaning.
/// </summary>
public static class Hex
{
    public static byte[] Parse(string annotated)
    {
        var digits = new StringBuilder();
        foreach (var rawLine in annotated.Split('\n'))
        {
            var line = rawLine;
            var comment = line.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0)
            {
                line = line[..comment];
            }

            foreach (var c in line)
            {
                if (Uri.IsHexDigit(c))
                {
                    digits.Append(c);
                }
                else if (!char.IsWhiteSpace(c))
                {
                    throw new FormatException($"Unexpected '{c}' in hex vector.");
                }
            }
        }

        if (digits.Length % 2 != 0)
        {
            throw new FormatException("Odd number of hex digits in vector.");
        }

        return Convert.FromHexString(digits.ToString());
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string Spaced(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(i % 4 == 0 ? "\n" : " ");
            }

            sb.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
