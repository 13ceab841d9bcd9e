namespace Loci.Prefixes;

/// <summary>
/// Shape of a map-table, the quantities of seed 002 Fig. 5 ("Insight on the mapping database
/// radix tree structure"): node count, prefix count, average and maximum depth, bytes used.
/// </summary>
/// <param name="Prefixes">Stored prefixes.</param>
/// <param name="Nodes">Trie nodes (8-bit strides), including each non-empty table's root.</param>
/// <param name="Leaves">Path-compressed single-prefix leaves (not counted in <paramref name="Nodes"/>).</param>
/// <param name="AverageDepth">Mean over prefixes of the nodes visited to reach it, a leaf counting as one more.</param>
/// <param name="MaxDepth">Largest such depth.</param>
/// <param name="Bytes">Estimated managed bytes of nodes and arrays on 64-bit .NET (headers, fields, slack-free arrays), including value slots.</param>
/// <param name="ValueBytes">The part of <paramref name="Bytes"/> that is value slots (prefixes × sizeof(TValue)).</param>
public readonly record struct TableShape(long Prefixes, long Nodes, long Leaves, double AverageDepth, int MaxDepth, long Bytes, long ValueBytes)
{
    /// <summary>Bytes per prefix including the value slots.</summary>
    public double BytesPerPrefix => Prefixes == 0 ? 0 : (double)Bytes / Prefixes;

    /// <summary>Bytes per prefix beyond the stored values (the issue's ≤ 100 bytes target).</summary>
    public double OverheadBytesPerPrefix => Prefixes == 0 ? 0 : (double)(Bytes - ValueBytes) / Prefixes;

    /// <summary>Sum of two shapes (several tables taken together).</summary>
    public static TableShape operator +(TableShape a, TableShape b)
    {
        var prefixes = a.Prefixes + b.Prefixes;
        var depth = prefixes == 0 ? 0 : ((a.AverageDepth * a.Prefixes) + (b.AverageDepth * b.Prefixes)) / prefixes;
        return new TableShape(prefixes, a.Nodes + b.Nodes, a.Leaves + b.Leaves, depth, Math.Max(a.MaxDepth, b.MaxDepth), a.Bytes + b.Bytes, a.ValueBytes + b.ValueBytes);
    }

    /// <summary>Sum of two shapes.</summary>
    public static TableShape Add(TableShape left, TableShape right) => left + right;
}
