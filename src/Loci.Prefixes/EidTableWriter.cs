using System.Diagnostics.CodeAnalysis;
using Loci.Prefixes.Trie;

namespace Loci.Prefixes;

/// <summary>
/// A batch of edits to an <see cref="EidTable{TValue}"/>, published atomically when the batch
/// ends: readers see all of it or none of it. Valid only inside <see cref="EidTable{TValue}.Update(Action{EidTableWriter{TValue}})"/>.
/// </summary>
/// <remarks>
/// Nodes copied by this batch carry its edit token and are changed in place by later edits of
/// the same batch, so bulk loads cost one copy per node rather than one per edit.
/// </remarks>
/// <typeparam name="TValue">Stored value.</typeparam>
public sealed class EidTableWriter<TValue>
{
    private readonly EidTableSnapshot<TValue> _base;
    private readonly object _edit = new();
    private readonly Dictionary<(uint InstanceId, EidFamily Family), (TrieNode<TValue> Root, int Count)> _touched = [];
    private int _count;
    private bool _completed;

    internal EidTableWriter(EidTableSnapshot<TValue> current)
    {
        _base = current;
        _count = current.Count;
    }

    /// <summary>Prefixes in the table as it stands with this batch's edits.</summary>
    public int Count => _count;

    /// <summary>Inserts or replaces; returns true when the prefix was new.</summary>
    /// <exception cref="ArgumentException">The prefix has no family (<c>default</c>).</exception>
    public bool Set(EidPrefix prefix, TValue value)
    {
        var (root, count) = Own(prefix);
        var added = PrefixTrie<TValue>.Insert(root, prefix.Key, prefix.Length, value, _edit);
        Store(prefix, root, added ? count + 1 : count);
        if (added)
        {
            _count++;
        }

        return added;
    }

    /// <summary>Removes a prefix; returns false when it was not stored.</summary>
    public bool Remove(EidPrefix prefix) => TryRemove(prefix, out _);

    /// <summary>Removes a prefix and returns its value.</summary>
    public bool TryRemove(EidPrefix prefix, [MaybeNullWhen(false)] out TValue value)
    {
        ThrowIfUnusable(prefix);
        var current = Current(prefix);
        if (current.Root is null || !PrefixTrie<TValue>.TryGet(current.Root, prefix.Key, prefix.Length, out _))
        {
            value = default;
            return false;
        }

        var (root, count) = Own(prefix);
        PrefixTrie<TValue>.Remove(root, prefix.Key, prefix.Length, _edit, out value);
        Store(prefix, root, count - 1);
        _count--;
        return true;
    }

    /// <summary>Exact match, seeing this batch's edits.</summary>
    public bool TryGetValue(EidPrefix prefix, [MaybeNullWhen(false)] out TValue value)
    {
        ThrowIfUnusable(prefix);
        var root = Current(prefix).Root;
        if (root is null)
        {
            value = default;
            return false;
        }

        return PrefixTrie<TValue>.TryGet(root, prefix.Key, prefix.Length, out value);
    }

    /// <summary>Ends the batch and builds the snapshot to publish.</summary>
    internal EidTableSnapshot<TValue> Complete()
    {
        _completed = true;
        if (_touched.Count == 0)
        {
            return _base;
        }

        var defaultInstance = _base.DefaultInstance;
        var instances = _base.Instances.ToBuilder();
        foreach (var ((iid, family), (root, count)) in _touched)
        {
            if (iid == 0)
            {
                defaultInstance = defaultInstance.With(family, root, count);
                continue;
            }

            var tables = instances.GetValueOrDefault(iid, InstanceTables<TValue>.Empty).With(family, root, count);
            if (tables.IsEmpty)
            {
                instances.Remove(iid);
            }
            else
            {
                instances[iid] = tables;
            }
        }

        return new EidTableSnapshot<TValue>(defaultInstance, instances.ToImmutable(), _count);
    }

    private (TrieNode<TValue>? Root, int Count) Current(EidPrefix prefix) =>
        _touched.TryGetValue((prefix.InstanceId, prefix.Family), out var entry)
            ? entry
            : (_base.Root(prefix.InstanceId, prefix.Family), _base.CountOf(prefix.InstanceId, prefix.Family));

    private (TrieNode<TValue> Root, int Count) Own(EidPrefix prefix)
    {
        ThrowIfUnusable(prefix);
        var (root, count) = Current(prefix);
        return (root?.Own(_edit) ?? new TrieNode<TValue>(_edit), count);
    }

    private void Store(EidPrefix prefix, TrieNode<TValue> root, int count) =>
        _touched[(prefix.InstanceId, prefix.Family)] = (root, count);

    private void ThrowIfUnusable(EidPrefix prefix)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (prefix.Family == EidFamily.None)
        {
            throw new ArgumentException("The prefix has no address family (default EidPrefix).", nameof(prefix));
        }
    }
}
