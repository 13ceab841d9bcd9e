namespace Loci.Prefixes.Tests;

/// <summary>The naive model every table query is checked against: a list scanned linearly.</summary>
internal sealed class ReferenceTable<TValue>
{
    private readonly Dictionary<EidPrefix, TValue> _entries = [];

    public int Count => _entries.Count;

    public bool Set(EidPrefix prefix, TValue value)
    {
        var added = !_entries.ContainsKey(prefix);
        _entries[prefix] = value;
        return added;
    }

    public bool Remove(EidPrefix prefix) => _entries.Remove(prefix);

    public bool TryGet(EidPrefix prefix, out TValue? value) => _entries.TryGetValue(prefix, out value);

    public KeyValuePair<EidPrefix, TValue>? Lookup(EidPrefix query) =>
        _entries.Where(e => e.Key.Contains(query)).OrderByDescending(e => e.Key.Length).Cast<KeyValuePair<EidPrefix, TValue>?>().FirstOrDefault();

    public List<KeyValuePair<EidPrefix, TValue>> CoveredBy(EidPrefix prefix) =>
        [.. _entries.Where(e => prefix.Contains(e.Key)).OrderBy(e => e.Key)];

    public List<KeyValuePair<EidPrefix, TValue>> Covering(EidPrefix prefix) =>
        [.. _entries.Where(e => e.Key.Contains(prefix)).OrderBy(e => e.Key.Length)];

    public List<KeyValuePair<EidPrefix, TValue>> All() => [.. _entries.OrderBy(e => e.Key)];

    /// <summary>Straight from the definition: the shortest length whose block around the query overlaps no entry.</summary>
    public EidPrefix? UncoveredBlock(EidPrefix query)
    {
        for (var length = 0; length <= query.Length; length++)
        {
            var block = query.WithLength(length);
            if (!_entries.Keys.Any(e => e.Overlaps(block)))
            {
                return block;
            }
        }

        return null;
    }
}
