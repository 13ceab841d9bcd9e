namespace Loci.Prefixes.Trie;

/// <summary>The least-specific uncovered block, for negative Map-Replies.</summary>
internal static partial class PrefixTrie<TValue>
{
    /// <summary>
    /// Length of the largest aligned block containing (key, queryLength) that overlaps no stored
    /// prefix, or -1 when a stored prefix covers the query or lies inside it.
    /// </summary>
    /// <remarks>
    /// RFC 9301 §8.3 lets a Map-Resolver answer a miss with a negative Map-Reply for "the
    /// least-specific prefix that ... does not match any EID-Prefix"; seed 004 §9 (LISPmon) relies
    /// on exactly this: with only 153.16.0.0/16 registered, 153.0.0.0 yields 153.0.0.0/12. A block
    /// of length L around the query contains entry E iff L ≤ min(E.length, lcp(query, E)), so
    /// the answer is 1 + the largest such m over all entries. Entries deeper on the query's path
    /// always have a larger m than entries off it, so only the deepest node on the path matters.
    /// </remarks>
    public static int UncoveredLength(TrieNode<TValue> root, UInt128 key, int queryLength)
    {
        if (TryLookup(root, key, queryLength, out _, out _) || AnyCoveredBy(root, key, queryLength))
        {
            return -1;
        }

        var node = root;
        for (var depth = 0; ; depth++)
        {
            var octet = Octet(key, depth);
            if (node.ChildBits.Test(octet))
            {
                node = node.ChildAt(octet);
                continue;
            }

            if (node.LeafBits.Test(octet))
            {
                var leaf = node.LeafAt(octet);
                var lcp = (int)UInt128.LeadingZeroCount(leaf.Key ^ key);
                return Math.Min(leaf.Length, lcp) + 1;
            }

            // Shrink the block around the octet from the whole stride to one octet wide and stop
            // at the smallest one still holding an entry; the answer is one bit longer.
            for (var level = 7; level >= 0; level--)
            {
                if (StrideBlockHasEntry(node, level, octet))
                {
                    return (8 * depth) + level + 1;
                }
            }

            // Only an empty root reaches here: nothing stored, the whole space is uncovered.
            return 0;
        }
    }

    /// <summary>
    /// True when some stored prefix lies inside (key, length): <see cref="CoveredBy"/>'s walk without
    /// its enumerator, so the negative-reply path allocates nothing.
    /// </summary>
    private static bool AnyCoveredBy(TrieNode<TValue> root, UInt128 key, int length)
    {
        var node = root;
        for (var depth = 0; ; depth++)
        {
            var rel = length - (8 * depth);
            var octet = Octet(key, depth);
            if (rel <= 8)
            {
                return StrideBlockHasEntry(node, rel, octet);
            }

            if (node.ChildBits.Test(octet))
            {
                node = node.ChildAt(octet);
                continue;
            }

            if (node.LeafBits.Test(octet))
            {
                var leaf = node.LeafAt(octet);
                return leaf.Length >= length && EidPrefix.MaskKey(leaf.Key, length) == key;
            }

            return false;
        }
    }

    /// <summary>True when the level-<paramref name="level"/> block of the stride around <paramref name="octet"/> holds any entry.</summary>
    private static bool StrideBlockHasEntry(TrieNode<TValue> node, int level, int octet)
    {
        var first = octet & ~((1 << (8 - level)) - 1) & 0xFF;
        var last = first + (1 << (8 - level)) - 1;
        if (node.ChildBits.AnyInRange(first, last) || node.LeafBits.AnyInRange(first, last))
        {
            return true;
        }

        for (var l = level; l <= 8; l++)
        {
            if (node.PrefixBits.AnyInRange(Art.Index(l, first), Art.Index(l, last)))
            {
                return true;
            }
        }

        return false;
    }
}
