namespace Loci.Prefixes.Trie;

/// <summary>
/// A path-compressed prefix: when only one prefix lies below a child slot it is stored in the
/// parent's slot with its full key instead of a chain of nodes (Go BART's "leaf" optimisation),
/// which is what keeps sparse IPv6 paths and lone more-specifics cheap.
/// </summary>
internal readonly struct TrieLeaf<TValue>(UInt128 key, int length, TValue value)
{
    public readonly UInt128 Key = key;
    public readonly TValue Value = value;
    public readonly byte Length = (byte)length;

    public TrieLeaf<TValue> WithValue(TValue value) => new(Key, Length, value);
}
