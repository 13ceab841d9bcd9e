using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Loci.Prefixes.Trie;

/// <summary>
/// Operations on one (instance ID, family) trie, keyed by left-aligned address bits. The read
/// side walks frozen nodes and allocates nothing; the write side path-copies under an edit
/// token (see <see cref="TrieNode{TValue}"/>).
/// </summary>
internal static partial class PrefixTrie<TValue>
{
    /// <summary>The 8-bit stride of <paramref name="key"/> at node depth <paramref name="depth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Octet(UInt128 key, int depth) => (byte)(key >> (120 - (8 * depth)));

    /// <summary>Longest-prefix match of a (key, length) query: longest stored prefix of length ≤ queryLength covering it.</summary>
    public static bool TryLookup(TrieNode<TValue> root, UInt128 key, int queryLength, out int matchLength, [MaybeNullWhen(false)] out TValue value)
    {
        // The hot loop reads only the 64-bit half that holds the current stride: IPv4 and MAC
        // never touch the low half, and no 128-bit shift is needed per level.
        var hi = (ulong)(key >> 64);
        var lo = (ulong)key;
        var node = root;
        TrieNode<TValue>? best = null;
        int bestDepth = 0, bestIndex = 0;
        for (var depth = 0; ; depth++)
        {
            var rel = queryLength - (8 * depth);
            var octet = (int)(byte)(depth < 8 ? hi >> (56 - (8 * depth)) : lo >> (120 - (8 * depth)));
            if (rel < 8)
            {
                // The query ends inside this stride: only prefixes at most rel bits deep here can cover it.
                var index = Art.Index(rel, octet);
                if (HasAncestorAtOrAbove(node, index))
                {
                    (best, bestDepth, bestIndex) = (node, depth, index);
                }

                break;
            }

            if (CoversOctet(node, octet))
            {
                (best, bestDepth, bestIndex) = (node, depth, 256 + octet);
            }

            if (rel == 8)
            {
                break;
            }

            if (node.ChildBits.Test(octet))
            {
                node = node.ChildAt(octet);
                continue;
            }

            if (node.LeafBits.Test(octet))
            {
                // A leaf is deeper than anything seen above it, so if it covers the query it wins.
                ref readonly var leaf = ref node.LeafAt(octet);
                if (leaf.Length <= queryLength && EidPrefix.MaskKey(key, leaf.Length) == leaf.Key)
                {
                    matchLength = leaf.Length;
                    value = leaf.Value;
                    return true;
                }
            }

            break;
        }

        if (best is null)
        {
            matchLength = 0;
            value = default;
            return false;
        }

        var found = LongestAtOrAbove(best, bestIndex);
        matchLength = (8 * bestDepth) + Art.Level(found);
        value = best.ValueAt(found);
        return true;
    }

    /// <summary>Exact match of a stored prefix.</summary>
    public static bool TryGet(TrieNode<TValue> root, UInt128 key, int length, [MaybeNullWhen(false)] out TValue value) =>
        TryGetFrom(root, 0, key, length, out value);

    /// <summary>Exact match starting at a node of depth <paramref name="depth"/> on the key's path.</summary>
    public static bool TryGetFrom(TrieNode<TValue> node, int depth, UInt128 key, int length, [MaybeNullWhen(false)] out TValue value)
    {
        for (; ; depth++)
        {
            var rel = length - (8 * depth);
            var octet = Octet(key, depth);
            if (rel <= 8)
            {
                var index = Art.Index(rel, octet);
                if (node.PrefixBits.Test(index))
                {
                    value = node.ValueAt(index);
                    return true;
                }

                break;
            }

            if (node.ChildBits.Test(octet))
            {
                node = node.ChildAt(octet);
                continue;
            }

            if (node.LeafBits.Test(octet))
            {
                ref readonly var leaf = ref node.LeafAt(octet);
                if (leaf.Length == length && leaf.Key == key)
                {
                    value = leaf.Value;
                    return true;
                }
            }

            break;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// True when some stride prefix of <paramref name="node"/> covers the whole octet. Its
    /// ancestors are one bit in each of words 4-7 (level 8), 2-3 (level 7), 1 (level 6) and a
    /// precomputed mask of word 0 (levels 0-5): four loads, no loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CoversOctet(TrieNode<TValue> node, int octet)
    {
        ref readonly var bits = ref node.PrefixBits;
        var any = (bits[4 + (octet >> 6)] >> octet)
            | (bits[2 + (octet >> 7)] >> (octet >> 1))
            | (bits[1] >> (octet >> 2));
        return (any & 1) != 0 || (bits[0] & Art.LowAncestorMask(octet)) != 0;
    }

    private static bool HasAncestorAtOrAbove(TrieNode<TValue> node, int index) => LongestAtOrAbove(node, index) != 0;

    /// <summary>The deepest set index among <paramref name="index"/> and its ancestors, or 0.</summary>
    private static int LongestAtOrAbove(TrieNode<TValue> node, int index)
    {
        for (; index > 0; index >>= 1)
        {
            if (node.PrefixBits.Test(index))
            {
                return index;
            }
        }

        return 0;
    }

    /// <summary>Left-aligned key of the stride prefix <paramref name="index"/> in a node at <paramref name="depth"/> on <paramref name="path"/>.</summary>
    public static UInt128 KeyOf(UInt128 path, int depth, int index)
    {
        var rel = Art.Level(index);
        var stride = (UInt128)(uint)(index - (1 << rel));
        var key = EidPrefix.MaskKey(path, 8 * depth);
        return rel == 0 ? key : key | (stride << (128 - (8 * depth) - rel));
    }

    /// <summary>Path key of the child slot <paramref name="octet"/> of a node at <paramref name="depth"/>.</summary>
    public static UInt128 ChildPath(UInt128 path, int depth, int octet) =>
        EidPrefix.MaskKey(path, 8 * depth) | ((UInt128)(uint)octet << (120 - (8 * depth)));
}
