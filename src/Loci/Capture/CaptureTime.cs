using System.Globalization;

namespace Loci.Capture;

/// <summary>A capture timestamp: nanoseconds since 1970-01-01 UTC and how many fraction digits the file's resolution justifies.</summary>
internal readonly record struct CaptureTime(long UnixNanoseconds, int FractionDigits)
{
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>"2015-08-22 11:09:05.156268" (UTC, like tcpdump -tttt run with TZ=UTC).</summary>
    public string ToText() => Format(' ', string.Empty);

    /// <summary>"2015-08-22T11:09:05.156268Z".</summary>
    public string ToIso8601() => Format('T', "Z");

    private string Format(char separator, string suffix)
    {
        var seconds = Math.DivRem(UnixNanoseconds, NanosPerSecond, out var nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += NanosPerSecond;
        }

        // DateTime covers years 1-9999; clamp absurd stored values rather than fail.
        var clamped = Math.Clamp(seconds, -62_135_596_800L, 253_402_300_799L);
        var time = DateTime.UnixEpoch.AddSeconds(clamped);
        var text = time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + separator + time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        if (FractionDigits > 0)
        {
            var digits = Math.Min(FractionDigits, 9);
            var fraction = nanos / (long)Math.Pow(10, 9 - digits);
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        }

        return text + suffix;
    }
}
