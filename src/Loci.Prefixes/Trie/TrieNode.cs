namespace Loci.Prefixes.Trie;

/// <summary>
/// One node of the multibit trie: an 8-bit stride at depth d holds the prefixes of length
/// 8d+1 .. 8d+8 (the root also /0) in a popcount-compressed ART bitmap, and its 256 child
/// slots either a deeper node or a single path-compressed leaf. Arrays are packed in bit order
/// (rank = popcount of the bits below), so a node costs its fixed 176 bytes plus 8 bytes per
/// value or child, instead of 256-wide pointer arrays.
/// </summary>
/// <remarks>
/// Immutability: a node is mutated only while <see cref="Edit"/> is the token of the write
/// operation in progress. Every write takes a fresh token, clones (path copies) any node it
/// touches whose token differs, and publishes the new root with a release write. A published
/// node's token is never current again, so readers see frozen nodes without a lock (the
/// transient/persistent technique of Clojure's collections; several edits in one batch reuse
/// the nodes they have already copied).
/// </remarks>
internal sealed partial class TrieNode<TValue>
{
    public Bits512 PrefixBits;
    public Bits256 ChildBits;
    public Bits256 LeafBits;
    public TValue[] Values = [];
    public TrieNode<TValue>[] Children = [];
    public TrieLeaf<TValue>[] Leaves = [];
    public object? Edit;

    public TrieNode(object? edit) => Edit = edit;

    /// <summary>True when this subtree holds exactly one prefix (then it folds into a leaf).</summary>
    public bool HoldsSinglePrefix => Values.Length + Leaves.Length == 1 && Children.Length == 0;

    /// <summary>True when the subtree holds nothing (only an emptied root can).</summary>
    public bool IsEmpty => Values.Length == 0 && Leaves.Length == 0 && Children.Length == 0;

    /// <summary>This node if the current edit owns it, otherwise an owned shallow copy.</summary>
    public TrieNode<TValue> Own(object edit)
    {
        if (ReferenceEquals(Edit, edit))
        {
            return this;
        }

        return new TrieNode<TValue>(edit)
        {
            PrefixBits = PrefixBits,
            ChildBits = ChildBits,
            LeafBits = LeafBits,
            Values = Copy(Values),
            Children = Copy(Children),
            Leaves = Copy(Leaves),
        };
    }

    public TrieNode<TValue> ChildAt(int octet) => Children[ChildBits.Rank(octet)];

    public ref TrieLeaf<TValue> LeafAt(int octet) => ref Leaves[LeafBits.Rank(octet)];

    public TValue ValueAt(int index) => Values[PrefixBits.Rank(index)];

    /// <summary>Sets a stride prefix; returns true when it was new.</summary>
    public bool SetValue(int index, TValue value)
    {
        var rank = PrefixBits.Rank(index);
        if (PrefixBits.Test(index))
        {
            Values[rank] = value;
            return false;
        }

        PrefixBits.Set(index);
        Values = Inserted(Values, rank, value);
        return true;
    }

    public TValue RemoveValue(int index)
    {
        var rank = PrefixBits.Rank(index);
        var old = Values[rank];
        PrefixBits.Clear(index);
        Values = Removed(Values, rank);
        return old;
    }

    public void SetChild(int octet, TrieNode<TValue> child)
    {
        var rank = ChildBits.Rank(octet);
        if (ChildBits.Test(octet))
        {
            Children[rank] = child;
            return;
        }

        ChildBits.Set(octet);
        Children = Inserted(Children, rank, child);
    }

    public void RemoveChild(int octet)
    {
        var rank = ChildBits.Rank(octet);
        ChildBits.Clear(octet);
        Children = Removed(Children, rank);
    }

    public void AddLeaf(int octet, TrieLeaf<TValue> leaf)
    {
        LeafBits.Set(octet);
        Leaves = Inserted(Leaves, LeafBits.Rank(octet), leaf);
    }

    public void RemoveLeaf(int octet)
    {
        var rank = LeafBits.Rank(octet);
        LeafBits.Clear(octet);
        Leaves = Removed(Leaves, rank);
    }

    // Empty arrays stay the shared singleton, so an empty slot costs nothing.
    private static T[] Copy<T>(T[] array) => array.Length == 0 ? [] : (T[])array.Clone();

    private static T[] Inserted<T>(T[] array, int at, T item)
    {
        var copy = new T[array.Length + 1];
        Array.Copy(array, copy, at);
        copy[at] = item;
        Array.Copy(array, at, copy, at + 1, array.Length - at);
        return copy;
    }

    private static T[] Removed<T>(T[] array, int at)
    {
        if (array.Length == 1)
        {
            return [];
        }

        var copy = new T[array.Length - 1];
        Array.Copy(array, copy, at);
        Array.Copy(array, at + 1, copy, at, array.Length - at - 1);
        return copy;
    }
}
