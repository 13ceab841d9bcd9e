using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Loci.Prefixes;

/// <summary>
/// The map-table: EID prefix → value, one multibit trie per (instance ID, address family)
/// behind one object (seed 002: "map-tables are implemented within a compact radix tree").
/// Reads never lock and see a consistent table; writes serialize on a lock and publish a new
/// immutable snapshot (DESIGN §4: one writer, many readers).
/// </summary>
/// <remarks>
/// Why snapshots: a Map-Resolver answers from many threads while registrations arrive; path
/// copying makes each write O(depth × node size) and lets a lookup walk a tree that can never
/// change under it, with no torn reads and no reader-side synchronization beyond one volatile
/// load of <see cref="Current"/>. Old versions are reclaimed by the GC once no reader holds them.
/// </remarks>
/// <typeparam name="TValue">Stored value (e.g. a site's mapping record).</typeparam>
public sealed class EidTable<TValue>
{
    private readonly Lock _writeLock = new();
    private volatile EidTableSnapshot<TValue> _current = EidTableSnapshot<TValue>.Empty;

    /// <summary>The current immutable version; use it when several queries must agree.</summary>
    public EidTableSnapshot<TValue> Current => _current;

    /// <summary>Number of stored prefixes.</summary>
    public int Count => _current.Count;

    /// <inheritdoc cref="EidTableSnapshot{TValue}.TryGetValue"/>
    public bool TryGetValue(EidPrefix prefix, [MaybeNullWhen(false)] out TValue value) => _current.TryGetValue(prefix, out value);

    /// <inheritdoc cref="EidTableSnapshot{TValue}.ContainsPrefix"/>
    public bool ContainsPrefix(EidPrefix prefix) => _current.ContainsPrefix(prefix);

    /// <inheritdoc cref="EidTableSnapshot{TValue}.TryLookup(in EidPrefix, out EidPrefix, out TValue)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryLookup(in EidPrefix query, out EidPrefix match, [MaybeNullWhen(false)] out TValue value) =>
        _current.TryLookup(query, out match, out value);

    /// <inheritdoc cref="EidTableSnapshot{TValue}.TryLookup(in EidPrefix, out TValue)"/>
    public bool TryLookup(in EidPrefix query, [MaybeNullWhen(false)] out TValue value) => _current.TryLookup(query, out value);

    /// <inheritdoc cref="EidTableSnapshot{TValue}.TryGetUncoveredBlock"/>
    public bool TryGetUncoveredBlock(EidPrefix query, out EidPrefix block) => _current.TryGetUncoveredBlock(query, out block);

    /// <inheritdoc cref="EidTableSnapshot{TValue}.GetCoveredBy"/>
    public IEnumerable<KeyValuePair<EidPrefix, TValue>> GetCoveredBy(EidPrefix prefix) => _current.GetCoveredBy(prefix);

    /// <inheritdoc cref="EidTableSnapshot{TValue}.GetCovering"/>
    public IReadOnlyList<KeyValuePair<EidPrefix, TValue>> GetCovering(EidPrefix prefix) => _current.GetCovering(prefix);

    /// <summary>Inserts or replaces one prefix; returns true when it was new.</summary>
    public bool Set(EidPrefix prefix, TValue value) => Update(w => w.Set(prefix, value));

    /// <summary>Removes one prefix; returns false when it was not stored.</summary>
    public bool Remove(EidPrefix prefix) => Update(w => w.Remove(prefix));

    /// <summary>Removes all prefixes.</summary>
    public void Clear()
    {
        lock (_writeLock)
        {
            _current = EidTableSnapshot<TValue>.Empty;
        }
    }

    /// <summary>Inserts or replaces many prefixes, published as one change.</summary>
    public void SetRange(IEnumerable<KeyValuePair<EidPrefix, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Update(w =>
        {
            foreach (var (prefix, value) in entries)
            {
                w.Set(prefix, value);
            }
        });
    }

    /// <summary>
    /// Applies a batch of edits and publishes them atomically. If <paramref name="edits"/>
    /// throws, nothing is published.
    /// </summary>
    public void Update(Action<EidTableWriter<TValue>> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        Update(w =>
        {
            edits(w);
            return true;
        });
    }

    /// <summary>Applies a batch of edits, publishes them atomically and returns the batch's result.</summary>
    public TResult Update<TResult>(Func<EidTableWriter<TValue>, TResult> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        lock (_writeLock)
        {
            var writer = new EidTableWriter<TValue>(_current);
            var result = edits(writer);

            // The volatile write is the publication point: everything the writer built is
            // visible to a reader that loads this reference.
            _current = writer.Complete();
            return result;
        }
    }
}
