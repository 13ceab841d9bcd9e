namespace Loci.Prefixes.Trie;

/// <summary>Insert and remove with path copying under an edit token.</summary>
internal static partial class PrefixTrie<TValue>
{
    /// <summary>
    /// Inserts or replaces (key, length). <paramref name="root"/> must already be owned by
    /// <paramref name="edit"/>. Returns true when the prefix was new.
    /// </summary>
    /// <remarks>
    /// Structure invariant (makes the shape independent of insertion order): a child slot holds
    /// a node exactly when two or more prefixes lie below it, a leaf when exactly one does.
    /// </remarks>
    public static bool Insert(TrieNode<TValue> root, UInt128 key, int length, TValue value, object edit)
    {
        var node = root;
        for (var depth = 0; ; depth++)
        {
            var rel = length - (8 * depth);
            var octet = Octet(key, depth);
            if (rel <= 8)
            {
                return node.SetValue(Art.Index(rel, octet), value);
            }

            if (node.ChildBits.Test(octet))
            {
                var child = node.ChildAt(octet);
                var owned = child.Own(edit);
                if (!ReferenceEquals(owned, child))
                {
                    node.SetChild(octet, owned);
                }

                node = owned;
                continue;
            }

            if (node.LeafBits.Test(octet))
            {
                ref var leaf = ref node.LeafAt(octet);
                if (leaf.Length == length && leaf.Key == key)
                {
                    leaf = leaf.WithValue(value);
                    return false;
                }

                // A second prefix under this slot: push the leaf down into a new node and go on.
                var pushed = leaf;
                var fresh = new TrieNode<TValue>(edit);
                PlaceInFresh(fresh, pushed, depth + 1);
                node.RemoveLeaf(octet);
                node.SetChild(octet, fresh);
                node = fresh;
                continue;
            }

            node.AddLeaf(octet, new TrieLeaf<TValue>(key, length, value));
            return true;
        }
    }

    /// <summary>
    /// Removes (key, length) when present (<paramref name="removed"/> is meaningful only then); <paramref name="node"/> must be owned. Folds a child
    /// that is left with one prefix back into a leaf, keeping the invariant of <see cref="Insert(TrieNode{TValue}, UInt128, int, TValue, object)"/>.
    /// </summary>
    public static bool Remove(TrieNode<TValue> node, UInt128 key, int length, object edit, out TValue removed, int depth = 0)
    {
        var rel = length - (8 * depth);
        var octet = Octet(key, depth);
        if (rel <= 8)
        {
            var index = Art.Index(rel, octet);
            if (!node.PrefixBits.Test(index))
            {
                removed = default!;
                return false;
            }

            removed = node.RemoveValue(index);
            return true;
        }

        if (node.LeafBits.Test(octet))
        {
            var leaf = node.LeafAt(octet);
            if (leaf.Length != length || leaf.Key != key)
            {
                removed = default!;
                return false;
            }

            removed = leaf.Value;
            node.RemoveLeaf(octet);
            return true;
        }

        if (!node.ChildBits.Test(octet))
        {
            removed = default!;
            return false;
        }

        var child = node.ChildAt(octet);
        if (!TryGetFrom(child, depth + 1, key, length, out _))
        {
            // Absent: do not copy the path for nothing.
            removed = default!;
            return false;
        }

        var owned = child.Own(edit);
        Remove(owned, key, length, edit, out removed, depth + 1);
        if (owned.HoldsSinglePrefix)
        {
            node.RemoveChild(octet);
            node.AddLeaf(octet, SingleAsLeaf(owned, ChildPath(key, depth, octet), depth + 1));
        }
        else
        {
            node.SetChild(octet, owned);
        }

        return true;
    }

    /// <summary>Places a pushed-down leaf in a fresh node one level below its old slot.</summary>
    private static void PlaceInFresh(TrieNode<TValue> node, in TrieLeaf<TValue> leaf, int depth)
    {
        var rel = leaf.Length - (8 * depth);
        var octet = Octet(leaf.Key, depth);
        if (rel <= 8)
        {
            node.SetValue(Art.Index(rel, octet), leaf.Value);
        }
        else
        {
            node.AddLeaf(octet, leaf);
        }
    }

    private static TrieLeaf<TValue> SingleAsLeaf(TrieNode<TValue> node, UInt128 path, int depth)
    {
        if (node.Leaves.Length == 1)
        {
            return node.Leaves[0];
        }

        var index = FirstSet(node.PrefixBits);
        return new TrieLeaf<TValue>(KeyOf(path, depth, index), (8 * depth) + Art.Level(index), node.Values[0]);
    }

    private static int FirstSet(in Bits512 bits)
    {
        for (var w = 0; w < 8; w++)
        {
            if (bits[w] != 0)
            {
                return (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits[w]);
            }
        }

        return 0;
    }
}
