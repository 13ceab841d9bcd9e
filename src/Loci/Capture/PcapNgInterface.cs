namespace Loci.Capture;

/// <summary>
/// What a pcapng Interface Description Block says about its packets: link type, snap length and the
/// timestamp unit (if_tsresol: 10^-n or 2^-n seconds, default microseconds) and if_tsoffset.
/// </summary>
internal readonly record struct PcapNgInterface(int LinkType, uint SnapLength, bool PowerOfTwo, int Exponent, long OffsetSeconds)
{
    public int FractionDigits => PowerOfTwo ? 9 : Math.Min(Exponent, 9);

    public CaptureTime ToTime(ulong timestamp)
    {
        long nanos;
        if (PowerOfTwo)
        {
            var exponent = Math.Min(Exponent, 63);
            var seconds = timestamp >> exponent;
            var fraction = timestamp & ((1UL << exponent) - 1);
            nanos = unchecked((long)(seconds * 1_000_000_000UL) + (long)(((UInt128)fraction * 1_000_000_000UL) >> exponent));
        }
        else if (Exponent <= 9)
        {
            nanos = unchecked((long)timestamp * Pow10(9 - Exponent));
        }
        else
        {
            nanos = (long)(timestamp / (ulong)Pow10(Math.Min(Exponent - 9, 18)));
        }

        return new CaptureTime(unchecked(nanos + (OffsetSeconds * 1_000_000_000)), FractionDigits);
    }

    private static long Pow10(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
