namespace Loci.Prefixes.Trie;

/// <summary>Range tests over packed bit sets (used by the uncovered-block query).</summary>
internal static class BitRange
{
    /// <summary>True when any bit in [<paramref name="from"/>, <paramref name="to"/>] is set.</summary>
    public static bool Any(ReadOnlySpan<ulong> words, int from, int to)
    {
        for (var w = from >> 6; w <= to >> 6; w++)
        {
            var lo = Math.Max(from, w << 6) & 63;
            var hi = Math.Min(to, (w << 6) + 63) & 63;
            var mask = (ulong.MaxValue << lo) & (ulong.MaxValue >> (63 - hi));
            if ((words[w] & mask) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
