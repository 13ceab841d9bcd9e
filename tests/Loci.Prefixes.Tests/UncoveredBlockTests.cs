namespace Loci.Prefixes.Tests;

public class UncoveredBlockTests
{
    [Fact]
    public void TryGetUncoveredBlock_Seed004LispmonExample_Returns153Slash12And0Slash1()
    {
        // Seed 004 §9 (LISPmon): with only 153.16.0.0/16 registered, a Map-Request for 153.0.0.0
        // gets a negative Map-Reply for 153.0.0.0/12, and one for 1.0.0.0 gets 0.0.0.0/1.
        var table = new EidTable<string>();
        table.Set(EidPrefix.Parse("153.16.0.0/16"), "lisp4.net");

        Assert.True(table.TryGetUncoveredBlock(EidPrefix.Parse("153.0.0.0"), out var block));
        Assert.Equal(EidPrefix.Parse("153.0.0.0/12"), block);
        Assert.True(table.TryGetUncoveredBlock(EidPrefix.Parse("1.0.0.0"), out block));
        Assert.Equal(EidPrefix.Parse("0.0.0.0/1"), block);
        Assert.False(table.TryGetUncoveredBlock(EidPrefix.Parse("153.16.3.4"), out _));
    }

    [Fact]
    public void TryGetUncoveredBlock_EmptyTableOrOtherInstance_ReturnsWholeSpace()
    {
        var table = new EidTable<int>();
        table.Set(EidPrefix.Parse("[5]10.0.0.0/8"), 1);

        Assert.True(table.TryGetUncoveredBlock(EidPrefix.Parse("10.1.1.1"), out var block));
        Assert.Equal(EidPrefix.Parse("0.0.0.0/0"), block);
        Assert.True(table.TryGetUncoveredBlock(EidPrefix.Parse("[5]2001:db8::1"), out block));
        Assert.Equal(EidPrefix.Parse("[5]::/0"), block);
    }

    [Fact]
    public void TryGetUncoveredBlock_QueryPrefixContainingEntry_ReturnsFalse()
    {
        var table = new EidTable<int>();
        table.Set(EidPrefix.Parse("10.1.2.0/24"), 1);

        Assert.False(table.TryGetUncoveredBlock(EidPrefix.Parse("10.1.0.0/16"), out _));
        Assert.True(table.TryGetUncoveredBlock(EidPrefix.Parse("10.1.4.0/22"), out var block));
        Assert.Equal(EidPrefix.Parse("10.1.4.0/22"), block);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void TryGetUncoveredBlock_EveryAddressOfSmallUniverse_MatchesAddressLevelBruteForce(int seed)
    {
        // A universe of 1,024 addresses (the low 10 bits of 10.20.28.0/22, spanning two strides):
        // a block is uncovered exactly when none of its addresses has a match, and maximal
        // when its parent block holds a matched address. Checked address by address.
        const uint Base = 0x0A141C00;
        const int Bits = 10;
        var random = new Random(seed);
        var table = new EidTable<int>();
        var stored = new List<EidPrefix>();
        for (var i = 0; i < 1 + random.Next(12); i++)
        {
            var length = 32 - random.Next(Bits + 1);
            var prefix = new EidPrefix(EidFamily.IPv4, Base | (uint)random.Next(1 << Bits), length);
            table.Set(prefix, i);
            stored.Add(prefix);
        }

        var covered = new bool[1 << Bits];
        for (var a = 0; a < covered.Length; a++)
        {
            covered[a] = stored.Any(p => p.Contains(EidPrefix.Host(EidFamily.IPv4, Base | (uint)a)));
        }

        for (var a = 0; a < covered.Length; a++)
        {
            var query = EidPrefix.Host(EidFamily.IPv4, Base | (uint)a);
            var found = table.TryGetUncoveredBlock(query, out var block);
            Assert.Equal(!covered[a], found);
            if (!found)
            {
                continue;
            }

            Assert.True(block.Contains(query));
            Assert.True(block.Length >= 32 - Bits, $"block {block} leaves the universe around {query}");
            Assert.False(AnyCovered(covered, block, Base), $"{block} holds a matched address");
            Assert.True(AnyCovered(covered, block.WithLength(block.Length - 1), Base), $"{block} is not the largest block");
        }
    }

    private static bool AnyCovered(bool[] covered, EidPrefix block, uint universe)
    {
        for (var a = 0; a < covered.Length; a++)
        {
            if (covered[a] && block.Contains(EidPrefix.Host(EidFamily.IPv4, universe | (uint)a)))
            {
                return true;
            }
        }

        return false;
    }
}
