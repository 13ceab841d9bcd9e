using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Loci.Prefixes.Trie;

namespace Loci.Prefixes;

/// <summary>
/// A frozen version of an <see cref="EidTable{TValue}"/>: every query on one snapshot sees the
/// same set of prefixes, however the table changes meanwhile. Taking one costs a field read;
/// keep it for a sequence of queries that must agree (e.g. a lookup and then its uncovered block).
/// </summary>
/// <typeparam name="TValue">Stored value (e.g. a site's mapping record).</typeparam>
public sealed class EidTableSnapshot<TValue>
{
    internal static readonly EidTableSnapshot<TValue> Empty =
        new(InstanceTables<TValue>.Empty, ImmutableDictionary<uint, InstanceTables<TValue>>.Empty, 0);

    // Instance ID 0 (the default instance, by far the most common) skips the dictionary.
    private readonly InstanceTables<TValue> _default;
    private readonly ImmutableDictionary<uint, InstanceTables<TValue>> _instances;

    internal EidTableSnapshot(InstanceTables<TValue> defaultInstance, ImmutableDictionary<uint, InstanceTables<TValue>> instances, int count)
    {
        _default = defaultInstance;
        _instances = instances;
        Count = count;
    }

    /// <summary>Number of stored prefixes over all instance IDs and families.</summary>
    public int Count { get; }

    /// <summary>The (instance ID, family) pairs that hold at least one prefix, ordered.</summary>
    public IEnumerable<(uint InstanceId, EidFamily Family)> Tables =>
        InstanceIds().SelectMany(iid => Families.Where(f => Instance(iid).Count(f) > 0).Select(f => (iid, f)));

    /// <summary>Every stored prefix, ordered by instance ID, family, address, then length.</summary>
    public IEnumerable<KeyValuePair<EidPrefix, TValue>> Entries =>
        Tables.SelectMany(t => GetCoveredBy(new EidPrefix(t.Family, UInt128.Zero, 0, t.InstanceId)));

    private static EidFamily[] Families { get; } = [EidFamily.IPv4, EidFamily.IPv6, EidFamily.Mac];

    /// <summary>Number of prefixes in one (instance ID, family) table.</summary>
    public int CountOf(uint instanceId, EidFamily family) => family is EidFamily.None ? 0 : Instance(instanceId).Count(family);

    /// <summary>Exact match.</summary>
    public bool TryGetValue(EidPrefix prefix, [MaybeNullWhen(false)] out TValue value)
    {
        var root = Root(prefix.InstanceId, prefix.Family);
        if (root is null)
        {
            value = default;
            return false;
        }

        return PrefixTrie<TValue>.TryGet(root, prefix.Key, prefix.Length, out value);
    }

    /// <summary>True when exactly this prefix is stored.</summary>
    public bool ContainsPrefix(EidPrefix prefix) => TryGetValue(prefix, out _);

    /// <summary>
    /// Longest-prefix match: the most specific stored prefix that covers <paramref name="query"/>
    /// (a host prefix for an address lookup, or any prefix, e.g. a Map-Request's EID-prefix).
    /// Allocation-free; no lock.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryLookup(in EidPrefix query, out EidPrefix match, [MaybeNullWhen(false)] out TValue value)
    {
        var root = Root(query.InstanceId, query.Family);
        if (root is not null && PrefixTrie<TValue>.TryLookup(root, query.Key, query.Length, out var length, out value))
        {
            match = EidPrefix.FromKey(query.Family, EidPrefix.MaskKey(query.Key, length), length, query.InstanceId);
            return true;
        }

        match = default;
        value = default;
        return false;
    }

    /// <summary>Longest-prefix match returning only the value.</summary>
    public bool TryLookup(in EidPrefix query, [MaybeNullWhen(false)] out TValue value)
    {
        var root = Root(query.InstanceId, query.Family);
        if (root is not null)
        {
            return PrefixTrie<TValue>.TryLookup(root, query.Key, query.Length, out _, out value);
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The least-specific uncovered block (RFC 9301 §8.3 negative Map-Reply; seed 004 §9): the
    /// largest power-of-two-aligned block containing <paramref name="query"/> that overlaps no
    /// stored prefix. False when a stored prefix covers the query or lies inside it.
    /// </summary>
    /// <exception cref="ArgumentException">The query has no family (<c>default</c>).</exception>
    public bool TryGetUncoveredBlock(EidPrefix query, out EidPrefix block)
    {
        if (query.Family == EidFamily.None)
        {
            throw new ArgumentException("The query prefix has no address family.", nameof(query));
        }

        var root = Root(query.InstanceId, query.Family);
        var length = root is null ? 0 : PrefixTrie<TValue>.UncoveredLength(root, query.Key, query.Length);
        block = length < 0 ? default : query.WithLength(length);
        return length >= 0;
    }

    /// <summary>Stored prefixes inside <paramref name="prefix"/> (itself included), in address order, shorter first.</summary>
    public IEnumerable<KeyValuePair<EidPrefix, TValue>> GetCoveredBy(EidPrefix prefix)
    {
        var root = Root(prefix.InstanceId, prefix.Family);
        return root is null
            ? []
            : PrefixTrie<TValue>.CoveredBy(root, prefix.Key, prefix.Length)
                .Select(e => KeyValuePair.Create(EidPrefix.FromKey(prefix.Family, e.Key, e.Length, prefix.InstanceId), e.Value));
    }

    /// <summary>Stored prefixes covering <paramref name="prefix"/> (itself included), least specific first.</summary>
    public IReadOnlyList<KeyValuePair<EidPrefix, TValue>> GetCovering(EidPrefix prefix)
    {
        var root = Root(prefix.InstanceId, prefix.Family);
        return root is null
            ? []
            : PrefixTrie<TValue>.Covering(root, prefix.Key, prefix.Length)
                .Select(e => KeyValuePair.Create(EidPrefix.FromKey(prefix.Family, e.Key, e.Length, prefix.InstanceId), e.Value))
                .ToList();
    }

    /// <summary>Shape of one (instance ID, family) table.</summary>
    public TableShape GetShape(uint instanceId, EidFamily family)
    {
        var root = family is EidFamily.None ? null : Root(instanceId, family);
        return root is null ? default : PrefixTrie<TValue>.Shape(root);
    }

    /// <summary>Shape of all tables taken together.</summary>
    public TableShape GetShape() => Tables.Aggregate(default(TableShape), (sum, t) => sum + GetShape(t.InstanceId, t.Family));

    /// <summary>Shape of all tables of one family (every instance ID).</summary>
    public TableShape GetShape(EidFamily family) =>
        Tables.Where(t => t.Family == family).Aggregate(default(TableShape), (sum, t) => sum + GetShape(t.InstanceId, t.Family));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal TrieNode<TValue>? Root(uint instanceId, EidFamily family)
    {
        if (family is EidFamily.None)
        {
            return null;
        }

        return instanceId == 0 ? _default.Root(family) : Instance(instanceId).Root(family);
    }

    internal InstanceTables<TValue> Instance(uint instanceId) =>
        instanceId == 0 ? _default : _instances.GetValueOrDefault(instanceId, InstanceTables<TValue>.Empty);

    internal ImmutableDictionary<uint, InstanceTables<TValue>> Instances => _instances;

    internal InstanceTables<TValue> DefaultInstance => _default;

    private IEnumerable<uint> InstanceIds() =>
        (_default.IsEmpty ? Enumerable.Empty<uint>() : [0u]).Concat(_instances.Keys.Order());
}
