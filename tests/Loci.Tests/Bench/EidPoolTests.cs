using Loci.Bench.Load;
using Loci.Prefixes;

namespace Loci.Tests.Bench;

public class EidPoolTests
{
    [Fact]
    public void Build_Split_TakesBlocksRoundRobinOverTheListedPrefixes()
    {
        var pool = EidPool.Build([EidPrefix.Parse("10.1.0.0/16"), EidPrefix.Parse("10.2.0.0/23")], splitLength: 24, limit: 5, seed: 1);

        Assert.Equal(["10.1.0.0/24", "10.2.0.0/24", "10.1.1.0/24", "10.2.1.0/24", "10.1.2.0/24"], pool.Prefixes.Select(p => p.ToString()));
    }

    [Fact]
    public void Build_SplitBeyondWhatExists_StopsWhenEveryBlockIsTaken()
    {
        var pool = EidPool.Build([EidPrefix.Parse("10.1.0.0/23"), EidPrefix.Parse("10.2.0.0/24")], splitLength: 24, limit: 100, seed: 1);
        Assert.Equal(["10.1.0.0/24", "10.2.0.0/24", "10.1.1.0/24"], pool.Prefixes.Select(p => p.ToString()));
    }

    [Fact]
    public void Build_QueryK_IsAHostInsidePrefixKModP()
    {
        EidPrefix[] listed = [EidPrefix.Parse("10.1.0.0/24"), EidPrefix.Parse("2001:db8:1::/48"), EidPrefix.Parse("192.0.2.7")];
        var pool = EidPool.Build(listed, null, null, seed: 5);

        Assert.Equal(listed, pool.Prefixes);
        Assert.Equal(0, pool.Queries.Length % listed.Length);
        Assert.True(pool.Queries.Length >= 65_536);
        for (var k = 0; k < pool.Queries.Length; k++)
        {
            Assert.True(pool.Queries[k].IsHost);
            Assert.True(listed[k % listed.Length].Contains(pool.Queries[k]), $"{pool.Queries[k]} not in {listed[k % listed.Length]}");
        }

        Assert.True(pool.Queries.Where((_, k) => k % 3 == 0).Distinct().Count() > 200, "hosts are drawn at random");
        Assert.Equal(pool.Queries, EidPool.Build(listed, null, null, seed: 5).Queries);
    }

    [Theory]
    [InlineData("10.1.0.0/16", 8)]
    [InlineData("10.1.0.0/16", 33)]
    public void Build_SplitLengthOutsideThePrefix_Throws(string prefix, int length) =>
        Assert.Throws<ArgumentException>(() => EidPool.Build([EidPrefix.Parse(prefix)], length, null, 1));

    [Fact]
    public void Build_InstanceIdOrMac_Throws()
    {
        Assert.Throws<ArgumentException>(() => EidPool.Build([EidPrefix.Parse("[1000]10.0.0.0/8")], null, null, 1));
        Assert.Throws<ArgumentException>(() => EidPool.Build([EidPrefix.Parse("00-11-22-33-44-55/48")], null, null, 1));
    }
}
