using System.Globalization;
using System.Net;

namespace Loci.Wire;

/// <summary>Text forms of addresses for the CLI and configuration (see <see cref="LispAddress.TryParseText"/>).</summary>
internal static class AddressText
{
    public static bool TryParse(string text, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text == "none")
        {
            return true;
        }

        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 2 || !uint.TryParse(text.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var iid)
                || !TryParse(text[(close + 1)..], out var inner))
            {
                return false;
            }

            address = new InstanceIdAddress(iid, inner);
            return true;
        }

        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            address = new DistinguishedName(text[1..^1]);
            return true;
        }

        if (TryParseMac(text, out var mac))
        {
            address = new MacAddress(mac);
            return true;
        }

        if (IPAddress.TryParse(text, out var ip) && (text.Contains(':', StringComparison.Ordinal) || text.Count(c => c == '.') == 3))
        {
            address = new InetAddress(ip);
            return true;
        }

        return false;
    }

    private static bool TryParseMac(string text, out ulong value)
    {
        value = 0;
        if (text.Length != 17)
        {
            return false;
        }

        for (var i = 0; i < 6; i++)
        {
            if (i < 5 && text[(i * 3) + 2] is not (':' or '-'))
            {
                return false;
            }

            if (!byte.TryParse(text.AsSpan(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return false;
            }

            value = (value << 8) | b;
        }

        return true;
    }
}
