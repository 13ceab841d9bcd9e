namespace Loci.Prefixes.Trie;

/// <summary>The (immutable) per-family trie roots and counts of one instance ID.</summary>
internal sealed class InstanceTables<TValue>
{
    public static readonly InstanceTables<TValue> Empty = new(new TrieNode<TValue>?[3], new int[3]);

    // Indexed by family - 1. Never mutated after construction: snapshots share them.
    private readonly TrieNode<TValue>?[] _roots;
    private readonly int[] _counts;

    private InstanceTables(TrieNode<TValue>?[] roots, int[] counts)
    {
        _roots = roots;
        _counts = counts;
    }

    public bool IsEmpty => _counts[0] + _counts[1] + _counts[2] == 0;

    public TrieNode<TValue>? Root(EidFamily family) => _roots[(int)family - 1];

    public int Count(EidFamily family) => _counts[(int)family - 1];

    public InstanceTables<TValue> With(EidFamily family, TrieNode<TValue> root, int count)
    {
        var roots = (TrieNode<TValue>?[])_roots.Clone();
        var counts = (int[])_counts.Clone();
        roots[(int)family - 1] = count == 0 ? null : root;
        counts[(int)family - 1] = count;
        return new InstanceTables<TValue>(roots, counts);
    }
}
