using System.Numerics;
using System.Runtime.CompilerServices;

namespace Loci.Prefixes.Trie;

/// <summary>A 256-bit set, one bit per octet value: which child slots of a node are occupied.</summary>
[InlineArray(4)]
internal struct Bits256
{
    private ulong _word0;

    public readonly bool Test(int bit) => ((this[bit >> 6] >> bit) & 1) != 0;

    public void Set(int bit) => this[bit >> 6] |= 1UL << bit;

    public void Clear(int bit) => this[bit >> 6] &= ~(1UL << bit);

    /// <summary>Number of set bits below <paramref name="bit"/>: the slot's index in the packed array.</summary>
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

    /// <summary>True when any bit in [<paramref name="from"/>, <paramref name="to"/>] is set.</summary>
    public readonly bool AnyInRange(int from, int to) => BitRange.Any(this, from, to);
}
