using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Loci.Prefixes;

/// <summary>Text form of EID prefixes: parse and format.</summary>
public readonly partial struct EidPrefix : ISpanFormattable, ISpanParsable<EidPrefix>
{
    /// <summary>Parses <c>[iid]address/length</c>; see the type remarks for the forms.</summary>
    /// <exception cref="FormatException">The text is not an EID prefix; the message says why.</exception>
    public static EidPrefix Parse(string s) => Parse(s.AsSpan());

    /// <summary>Parses <c>[iid]address/length</c>.</summary>
    /// <exception cref="FormatException">The text is not an EID prefix; the message says why.</exception>
    public static EidPrefix Parse(ReadOnlySpan<char> s) =>
        TryParse(s, out var prefix, out var error) ? prefix : throw new FormatException($"'{s}' is not an EID prefix: {error}");

    /// <inheritdoc />
    public static EidPrefix Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    public static EidPrefix Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <summary>Tries to parse <c>[iid]address/length</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out EidPrefix result) => TryParse(s, out result, out _);

    /// <summary>Tries to parse <c>[iid]address/length</c>.</summary>
    public static bool TryParse(string? s, out EidPrefix result) => TryParse(s.AsSpan(), out result, out _);

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out EidPrefix result) => TryParse(s.AsSpan(), out result, out _);

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out EidPrefix result) => TryParse(s, out result, out _);

    /// <inheritdoc />
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[64];
        return TryFormat(buffer, out var n, default, null) ? new string(buffer[..n]) : "<invalid>";
    }

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (_family == EidFamily.None)
        {
            return false;
        }

        var pos = 0;
        if (_instanceId != 0)
        {
            if (!Append(destination, ref pos, "[")
                || !_instanceId.TryFormat(destination[pos..], out var iidChars, default, CultureInfo.InvariantCulture))
            {
                return false;
            }

            pos += iidChars;
            if (!Append(destination, ref pos, "]"))
            {
                return false;
            }
        }

        if (_family == EidFamily.Mac)
        {
            for (var i = 0; i < 6; i++)
            {
                var b = (byte)(_key >> (120 - (8 * i)));
                if ((i > 0 && !Append(destination, ref pos, "-"))
                    || !b.TryFormat(destination[pos..], out var hexChars, "x2", CultureInfo.InvariantCulture))
                {
                    return false;
                }

                pos += hexChars;
            }
        }
        else
        {
            Span<byte> bytes = stackalloc byte[16];
            var n = WriteAddressBytes(bytes);
            if (!new IPAddress(bytes[..n]).TryFormat(destination[pos..], out var ipChars))
            {
                return false;
            }

            pos += ipChars;
        }

        if (!Append(destination, ref pos, "/")
            || !Length.TryFormat(destination[pos..], out var lenChars, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        charsWritten = pos + lenChars;
        return true;
    }

    private static bool Append(Span<char> destination, ref int pos, string text)
    {
        if (!text.AsSpan().TryCopyTo(destination[pos..]))
        {
            return false;
        }

        pos += text.Length;
        return true;
    }

    private static bool TryParse(ReadOnlySpan<char> s, out EidPrefix result, out string error)
    {
        result = default;
        s = s.Trim();
        uint instanceId = 0;
        if (s.StartsWith('['))
        {
            var close = s.IndexOf(']');
            if (close < 0)
            {
                error = "missing ']' after the instance ID";
                return false;
            }

            if (!uint.TryParse(s[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out instanceId))
            {
                error = "the instance ID is not a number from 0 to 4294967295";
                return false;
            }

            s = s[(close + 1)..];
        }

        int? length = null;
        var slash = s.LastIndexOf('/');
        if (slash >= 0)
        {
            if (!int.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var len))
            {
                error = "the prefix length is not a number";
                return false;
            }

            length = len;
            s = s[..slash];
        }

        EidFamily family;
        UInt128 address;
        if (TryParseMac(s, out var mac))
        {
            family = EidFamily.Mac;
            address = mac;
        }
        else if (IPAddress.TryParse(s, out var ip) && ip.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
        {
            if (ip.AddressFamily == AddressFamily.InterNetwork && s.Count('.') != 3)
            {
                error = "an IPv4 address needs four dotted parts";
                return false;
            }

            if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId != 0)
            {
                error = "a scope ID (%zone) is not part of an EID";
                return false;
            }

            var prefix = FromIPAddress(ip);
            family = prefix.Family;
            address = prefix.Address;
        }
        else
        {
            error = "the address is neither IPv4, IPv6 nor a MAC in 00-11-22-33-44-55 form";
            return false;
        }

        var width = family.BitWidth();
        if (length is { } l && (l < 0 || l > width))
        {
            error = $"the prefix length must be 0 to {width} for {family}";
            return false;
        }

        result = new EidPrefix(family, address, length ?? width, instanceId);
        error = string.Empty;
        return true;
    }

    private static bool TryParseMac(ReadOnlySpan<char> s, out UInt128 value)
    {
        value = UInt128.Zero;
        if (s.Length != 17)
        {
            return false;
        }

        for (var i = 0; i < 6; i++)
        {
            if ((i > 0 && s[(3 * i) - 1] != '-')
                || !byte.TryParse(s.Slice(3 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return false;
            }

            value = (value << 8) | b;
        }

        return true;
    }
}
