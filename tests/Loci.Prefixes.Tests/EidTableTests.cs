namespace Loci.Prefixes.Tests;

/// <summary>Readable examples of the table API; the exhaustive checks are in the differential tests.</summary>
public class EidTableTests
{
    private static EidTable<string> Sample()
    {
        var table = new EidTable<string>();
        foreach (var text in new[] { "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.128/25", "[1000]10.1.0.0/16", "2001:db8::/32", "00-11-22-00-00-00/24" })
        {
            table.Set(EidPrefix.Parse(text), text);
        }

        return table;
    }

    [Theory]
    [InlineData("10.1.2.200", "10.1.2.128/25")]
    [InlineData("10.1.2.7", "10.1.2.0/24")]
    [InlineData("10.1.3.7", "10.1.0.0/16")]
    [InlineData("10.200.0.1", "10.0.0.0/8")]
    [InlineData("10.1.0.0/15", "10.0.0.0/8")]
    [InlineData("[1000]10.1.2.3", "[1000]10.1.0.0/16")]
    [InlineData("2001:db8:1::1", "2001:db8::/32")]
    [InlineData("00-11-22-33-44-55", "00-11-22-00-00-00/24")]
    public void TryLookup_NestedPrefixes_ReturnsMostSpecificMatch(string query, string expected)
    {
        var table = Sample();

        Assert.True(table.TryLookup(EidPrefix.Parse(query), out var match, out var value));
        Assert.Equal(expected, match.ToString());
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("11.0.0.1")]
    [InlineData("[1000]10.2.0.1")]
    [InlineData("[7]10.1.2.3")]
    [InlineData("2001:db9::1")]
    public void TryLookup_NoCoveringPrefix_ReturnsFalse(string query) =>
        Assert.False(Sample().TryLookup(EidPrefix.Parse(query), out _, out _));

    [Fact]
    public void GetCoveredByAndCovering_NestedPrefixes_ReturnOrderedChains()
    {
        var table = Sample();

        Assert.Equal(["10.1.0.0/16", "10.1.2.0/24", "10.1.2.128/25"], table.GetCoveredBy(EidPrefix.Parse("10.1.0.0/16")).Select(e => e.Value));
        Assert.Equal(["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"], table.GetCovering(EidPrefix.Parse("10.1.2.0/24")).Select(e => e.Value));
        Assert.Empty(table.GetCovering(EidPrefix.Parse("[9]10.1.2.0/24")));
        Assert.Equal(7, table.Current.Entries.Count());
        Assert.Equal([(0u, EidFamily.IPv4), (0u, EidFamily.IPv6), (0u, EidFamily.Mac), (1000u, EidFamily.IPv4)], table.Current.Tables);
    }

    [Fact]
    public void SetAndRemove_ReplaceAndMissing_ReportWhatHappened()
    {
        var table = Sample();
        var p = EidPrefix.Parse("10.1.2.0/24");

        Assert.False(table.Set(p, "replaced"));
        Assert.True(table.TryGetValue(p, out var value));
        Assert.Equal("replaced", value);
        Assert.Equal(7, table.Count);
        Assert.True(table.Remove(p));
        Assert.False(table.Remove(p));
        Assert.False(table.Remove(EidPrefix.Parse("10.1.2.0/23")));
        Assert.Equal(6, table.Count);
        Assert.True(table.TryLookup(EidPrefix.Parse("10.1.2.7"), out var match, out _));
        Assert.Equal("10.1.0.0/16", match.ToString());
    }

    [Fact]
    public void Current_TakenBeforeWrites_StaysUnchanged()
    {
        var table = Sample();
        var before = table.Current;

        table.Remove(EidPrefix.Parse("10.1.0.0/16"));
        table.Set(EidPrefix.Parse("10.1.2.0/24"), "changed");
        table.Clear();

        Assert.Equal(7, before.Count);
        Assert.True(before.TryGetValue(EidPrefix.Parse("10.1.2.0/24"), out var value));
        Assert.Equal("10.1.2.0/24", value);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Update_EditsThrow_PublishesNothing()
    {
        var table = Sample();
        var before = table.Current;

        Assert.Throws<InvalidOperationException>(() => table.Update(w =>
        {
            w.Set(EidPrefix.Parse("192.0.2.0/24"), "x");
            w.Remove(EidPrefix.Parse("10.0.0.0/8"));
            throw new InvalidOperationException("abort");
        }));

        Assert.Same(before, table.Current);
        Assert.False(table.ContainsPrefix(EidPrefix.Parse("192.0.2.0/24")));
        Assert.True(table.ContainsPrefix(EidPrefix.Parse("10.0.0.0/8")));
    }

    [Fact]
    public void Writer_UsedAfterItsBatch_Throws()
    {
        var table = new EidTable<int>();
        EidTableWriter<int>? escaped = null;
        table.Update(w => escaped = w);

        Assert.Throws<ObjectDisposedException>(() => escaped!.Set(EidPrefix.Parse("10.0.0.0/8"), 1));
    }

    [Fact]
    public void Set_DefaultPrefix_ThrowsArgumentException()
    {
        var table = new EidTable<int>();

        Assert.Throws<ArgumentException>(() => table.Set(default, 1));
        Assert.Throws<ArgumentException>(() => table.TryGetUncoveredBlock(default, out _));
        Assert.False(table.TryLookup(default(EidPrefix), out _, out _));
    }

    [Fact]
    public void TryLookup_WarmTable_AllocatesNothing()
    {
        var table = Sample();
        var queries = new[] { "10.1.2.200", "11.0.0.1", "2001:db8:1::1", "[1000]10.1.2.3", "00-11-22-33-44-55" }.Select(EidPrefix.Parse).ToArray();
        var hits = 0;
        foreach (var q in queries)
        {
            hits += table.TryLookup(q, out _, out _) ? 1 : 0;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            hits += table.TryLookup(queries[i % queries.Length], out _, out _) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(4 + 8000, hits);
    }
}
