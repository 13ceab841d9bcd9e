namespace Loci.Prefixes.Tests;

/// <summary>Every query of <see cref="EidTable{TValue}"/> against the linear-scan reference on seeded random tables.</summary>
public class EidTableDifferentialTests
{
    public static TheoryData<EidFamily, int> Cases()
    {
        var data = new TheoryData<EidFamily, int>();
        foreach (var family in new[] { EidFamily.IPv4, EidFamily.IPv6, EidFamily.Mac })
        {
            foreach (var seed in new[] { 1, 2, 3, 4 })
            {
                data.Add(family, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Queries_InterleavedInsertsAndRemoves_MatchLinearScan(EidFamily family, int seed)
    {
        var random = new RandomPrefixes(seed, family, [0, 1000, 16777215, uint.MaxValue]);
        var table = new EidTable<int>();
        var reference = new ReferenceTable<int>();
        var known = new List<EidPrefix>();

        for (var step = 0; step < 1500; step++)
        {
            if (known.Count > 0 && random.Next(3) == 0)
            {
                var victim = random.Next(4) == 0 ? random.NextPrefix() : known[random.Next(known.Count)];
                Assert.Equal(reference.Remove(victim), table.Remove(victim));
            }
            else
            {
                var prefix = random.NextPrefix();
                known.Add(prefix);
                Assert.Equal(reference.Set(prefix, step), table.Set(prefix, step));
            }

            Assert.Equal(reference.Count, table.Count);
            if (step % 10 == 0)
            {
                CheckQueries(table, reference, random, known, 8);
            }
        }

        CheckQueries(table, reference, random, known, 200);
        Assert.Equal(reference.All(), table.Current.Entries.ToList());
    }

    [Theory]
    [InlineData(EidFamily.IPv4)]
    [InlineData(EidFamily.IPv6)]
    [InlineData(EidFamily.Mac)]
    public void Update_BatchOfEdits_MatchesReferenceAndPublishesOnce(EidFamily family)
    {
        var random = new RandomPrefixes(42, family, [0, 7]);
        var table = new EidTable<int>();
        var reference = new ReferenceTable<int>();
        var known = new List<EidPrefix>();
        var before = table.Current;

        table.Update(w =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var prefix = random.NextPrefix();
                known.Add(prefix);
                if (i % 5 == 4)
                {
                    Assert.Equal(reference.Remove(known[i / 2]), w.Remove(known[i / 2]));
                }
                else
                {
                    Assert.Equal(reference.Set(prefix, i), w.Set(prefix, i));
                }

                Assert.Equal(reference.Count, w.Count);
            }

            // Nothing is visible to readers before the batch ends.
            Assert.Same(before, table.Current);
        });

        Assert.Equal(0, before.Count);
        CheckQueries(table, reference, random, known, 300);
        Assert.Equal(reference.All(), table.Current.Entries.ToList());
    }

    [Fact]
    public void Remove_EveryPrefixInRandomOrder_LeavesEmptyTableWithNoNodes()
    {
        var random = new RandomPrefixes(9, EidFamily.IPv6, [0, 5]);
        var table = new EidTable<int>();
        var prefixes = Enumerable.Range(0, 1000).Select(_ => random.NextPrefix()).Distinct().ToList();
        table.SetRange(prefixes.Select((p, i) => KeyValuePair.Create(p, i)));
        Assert.Equal(prefixes.Count, table.Count);

        foreach (var p in prefixes.OrderBy(_ => random.Next(1000)))
        {
            Assert.True(table.Remove(p));
            Assert.False(table.ContainsPrefix(p));
        }

        Assert.Equal(0, table.Count);
        Assert.Empty(table.Current.Tables);
        Assert.Equal(default, table.Current.GetShape());
    }

    private static void CheckQueries(EidTable<int> table, ReferenceTable<int> reference, RandomPrefixes random, List<EidPrefix> known, int count)
    {
        var snapshot = table.Current;
        for (var i = 0; i < count; i++)
        {
            var query = i % 3 == 2 ? random.NextPrefixQuery(known) : random.NextQuery(known);

            var expected = reference.Lookup(query);
            Assert.Equal(expected is not null, snapshot.TryLookup(query, out var match, out var value));
            if (expected is { } e)
            {
                Assert.Equal(e.Key, match);
                Assert.Equal(e.Value, value);
            }

            var stored = known[random.Next(known.Count)];
            Assert.Equal(reference.TryGet(stored, out var refValue), snapshot.TryGetValue(stored, out var got));
            Assert.Equal(refValue, got);

            Assert.Equal(reference.UncoveredBlock(query), snapshot.TryGetUncoveredBlock(query, out var block) ? block : null);
            Assert.Equal(reference.Covering(query), snapshot.GetCovering(query));

            var parent = stored.WithLength(Math.Max(0, stored.Length - random.Next(12)));
            Assert.Equal(reference.CoveredBy(parent), snapshot.GetCoveredBy(parent).ToList());
        }
    }
}
