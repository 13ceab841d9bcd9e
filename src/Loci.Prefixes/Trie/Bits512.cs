using System.Numerics;
using System.Runtime.CompilerServices;

namespace Loci.Prefixes.Trie;

/// <summary>
/// A 512-bit set indexed by ART index (Knuth's complete-binary-tree numbering used by ART and
/// BART): index 1 is the empty stride prefix, 2-3 the /1s, ..., 256-511 the /8s of a stride.
/// </summary>
[InlineArray(8)]
internal struct Bits512
{
    private ulong _word0;

    public readonly bool Test(int bit) => ((this[bit >> 6] >> bit) & 1) != 0;

    public void Set(int bit) => this[bit >> 6] |= 1UL << bit;

    public void Clear(int bit) => this[bit >> 6] &= ~(1UL << bit);

    /// <summary>Number of set bits below <paramref name="bit"/>.</summary>
    public readonly int Rank(int bit)
    {
        var word = bit >> 6;
        var rank = BitOperations.PopCount(this[word] & ((1UL << bit) - 1));
        for (var i = 0; i < word; i++)
        {
            rank += BitOperations.PopCount(this[i]);
        }

        return rank;
    }

    /// <summary>Total set bits.</summary>
    public readonly int Count()
    {
        var n = 0;
        for (var i = 0; i < 8; i++)
        {
            n += BitOperations.PopCount(this[i]);
        }

        return n;
    }

    /// <summary>True when any bit in [<paramref name="from"/>, <paramref name="to"/>] is set.</summary>
    public readonly bool AnyInRange(int from, int to) => BitRange.Any(this, from, to);
}
