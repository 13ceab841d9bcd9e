using System.Globalization;
using System.Net;

namespace Loci.Prefixes.Datasets;

/// <summary>
/// The CSV format of <c>@ip-location-db/asn</c> (asn-ipv4.csv, asn-ipv6.csv):
/// <c>first_ip,last_ip,asn,organisation</c>, an inclusive range per line, organisation possibly
/// quoted. Only the first three fields are read.
/// </summary>
public static class AsnCsv
{
    /// <summary>
    /// Reads every range of <paramref name="reader"/>, splits it into CIDR prefixes and appends
    /// them to <paramref name="output"/>. Returns the number of ranges read.
    /// </summary>
    /// <param name="reader">CSV text.</param>
    /// <param name="family">IPv4 or IPv6: the family every line must hold.</param>
    /// <param name="output">Receives the prefixes.</param>
    /// <param name="source">Name used in error messages (e.g. the file name).</param>
    /// <param name="progress">Called every 100,000 lines with the running line count.</param>
    /// <exception cref="FormatException">A line is malformed; the message names the source and line.</exception>
    public static int Read(TextReader reader, EidFamily family, ICollection<AsnPrefix> output, string source = "csv", Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        var ranges = 0;
        var lineNumber = 0;
        var prefixes = new List<EidPrefix>();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (!TryParseLine(line, family, out var first, out var last, out var asn, out var error))
            {
                throw new FormatException($"{source} line {lineNumber}: {error}: '{line}'");
            }

            prefixes.Clear();
            CidrRange.Split(family, first, last, prefixes);
            foreach (var p in prefixes)
            {
                output.Add(new AsnPrefix(p, asn));
            }

            ranges++;
            if (progress is not null && lineNumber % 100_000 == 0)
            {
                progress(lineNumber);
            }
        }

        return ranges;
    }

    /// <summary>Parses one line into an inclusive numeric range and its origin AS.</summary>
    public static bool TryParseLine(ReadOnlySpan<char> line, EidFamily family, out UInt128 first, out UInt128 last, out uint asn, out string error)
    {
        first = last = UInt128.Zero;
        asn = 0;
        var c1 = line.IndexOf(',');
        var c2 = c1 < 0 ? -1 : line[(c1 + 1)..].IndexOf(',') + c1 + 1;
        if (c1 < 0 || c2 <= c1)
        {
            error = "expected first_ip,last_ip,asn[,organisation]";
            return false;
        }

        var rest = line[(c2 + 1)..];
        var c3 = rest.IndexOf(',');
        var asnText = c3 < 0 ? rest : rest[..c3];
        if (!TryParseAddress(line[..c1], family, out first) || !TryParseAddress(line[(c1 + 1)..c2], family, out last))
        {
            error = $"an address is not {family}";
            return false;
        }

        if (first > last)
        {
            error = "the range start is after its end";
            return false;
        }

        if (!uint.TryParse(asnText, NumberStyles.None, CultureInfo.InvariantCulture, out asn))
        {
            error = "the AS number is not a number from 0 to 4294967295";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static bool TryParseAddress(ReadOnlySpan<char> text, EidFamily family, out UInt128 value)
    {
        value = UInt128.Zero;
        if (!IPAddress.TryParse(text, out var ip))
        {
            return false;
        }

        var prefix = EidPrefix.FromIPAddress(ip);
        if (prefix.Family != family || (family == EidFamily.IPv4 && text.Count('.') != 3))
        {
            return false;
        }

        value = prefix.Address;
        return true;
    }
}
