namespace Loci.Prefixes.Trie;

/// <summary>Ordered enumeration: covered-by (subtree) and covering (ancestors) queries.</summary>
internal static partial class PrefixTrie<TValue>
{
    /// <summary>
    /// Stored prefixes inside (key, length), including itself, in address order with shorter
    /// prefixes first (pre-order of the binary trie).
    /// </summary>
    public static IEnumerable<(UInt128 Key, int Length, TValue Value)> CoveredBy(TrieNode<TValue> root, UInt128 key, int length)
    {
        var node = root;
        for (var depth = 0; ; depth++)
        {
            var rel = length - (8 * depth);
            var octet = Octet(key, depth);
            if (rel <= 8)
            {
                var first = octet & ~((1 << (8 - rel)) - 1) & 0xFF;
                var last = first + (1 << (8 - rel)) - 1;
                return Range(node, depth, key, first, last, rel);
            }

            if (node.ChildBits.Test(octet))
            {
                node = node.ChildAt(octet);
                continue;
            }

            if (node.LeafBits.Test(octet))
            {
                var leaf = node.LeafAt(octet);
                if (leaf.Length >= length && EidPrefix.MaskKey(leaf.Key, length) == key)
                {
                    return [(leaf.Key, leaf.Length, leaf.Value)];
                }
            }

            return [];
        }
    }

    /// <summary>Stored prefixes covering (key, length), including itself, least specific first.</summary>
    public static List<(UInt128 Key, int Length, TValue Value)> Covering(TrieNode<TValue> root, UInt128 key, int length)
    {
        var result = new List<(UInt128, int, TValue)>();
        var node = root;
        for (var depth = 0; ; depth++)
        {
            var rel = length - (8 * depth);
            var octet = Octet(key, depth);
            var deepest = Art.Index(Math.Min(rel, 8), octet);
            for (var level = 0; level <= Art.Level(deepest); level++)
            {
                var index = deepest >> (Art.Level(deepest) - level);
                if (node.PrefixBits.Test(index))
                {
                    result.Add((KeyOf(key, depth, index), (8 * depth) + level, node.ValueAt(index)));
                }
            }

            if (rel <= 8)
            {
                return result;
            }

            if (node.ChildBits.Test(octet))
            {
                node = node.ChildAt(octet);
                continue;
            }

            if (node.LeafBits.Test(octet))
            {
                var leaf = node.LeafAt(octet);
                if (leaf.Length <= length && EidPrefix.MaskKey(key, leaf.Length) == leaf.Key)
                {
                    result.Add((leaf.Key, leaf.Length, leaf.Value));
                }
            }

            return result;
        }
    }

    /// <summary>Every prefix of a node's octets [first, last] whose stride length is at least minRel, with subtrees.</summary>
    private static IEnumerable<(UInt128 Key, int Length, TValue Value)> Range(TrieNode<TValue> node, int depth, UInt128 path, int first, int last, int minRel)
    {
        for (var octet = first; octet <= last; octet++)
        {
            // Stride prefixes starting at this octet, shortest first: level l starts here when the
            // octet's low 8-l bits are zero.
            for (var level = minRel; level <= 8; level++)
            {
                if ((octet & ((1 << (8 - level)) - 1)) != 0)
                {
                    continue;
                }

                var index = Art.Index(level, octet);
                if (node.PrefixBits.Test(index))
                {
                    yield return (KeyOf(path, depth, index), (8 * depth) + level, node.ValueAt(index));
                }
            }

            if (node.ChildBits.Test(octet))
            {
                foreach (var entry in Range(node.ChildAt(octet), depth + 1, ChildPath(path, depth, octet), 0, 255, 1))
                {
                    yield return entry;
                }
            }
            else if (node.LeafBits.Test(octet))
            {
                var leaf = node.LeafAt(octet);
                yield return (leaf.Key, leaf.Length, leaf.Value);
            }
        }
    }
}
