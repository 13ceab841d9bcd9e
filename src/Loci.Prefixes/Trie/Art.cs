using System.Numerics;

namespace Loci.Prefixes.Trie;

/// <summary>
/// ART index arithmetic for one 8-bit stride (Knuth, TAOCP 4A §7.1.3; the same numbering as
/// ART and Go BART). A prefix of <c>rel</c> bits (0-8) inside the stride with value <c>v</c> has
/// index <c>(1 &lt;&lt; rel) + v</c>; the parent of index i is i/2, so the prefixes covering an
/// octet are the ancestors of its /8 index 256 + octet.
/// </summary>
internal static class Art
{
    /// <summary>For each octet &gt;&gt; 3: bits 1..63 of the ancestors (levels 0-5) of that octet.</summary>
    private static readonly ulong[] LowAncestors = BuildLowAncestors();

    /// <summary>Index of the <paramref name="rel"/>-bit prefix of <paramref name="octet"/>.</summary>
    public static int Index(int rel, int octet) => (1 << rel) + (octet >> (8 - rel));

    /// <summary>Stride length of an index: floor(log2(index)).</summary>
    public static int Level(int index) => BitOperations.Log2((uint)index);

    /// <summary>Mask of the ancestors of octet <paramref name="octet"/> that lie in word 0 (levels 0-5).</summary>
    public static ulong LowAncestorMask(int octet) => LowAncestors[octet >> 3];

    private static ulong[] BuildLowAncestors()
    {
        var table = new ulong[32];
        for (var i = 0; i < 32; i++)
        {
            ulong mask = 0;
            for (var idx = 32 + i; idx > 0; idx >>= 1)
            {
                mask |= 1UL << idx;
            }

            table[i] = mask;
        }

        return table;
    }
}
