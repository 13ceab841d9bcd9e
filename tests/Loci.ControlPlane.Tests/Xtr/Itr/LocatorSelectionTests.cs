using System.Net;
using System.Net.Sockets;
using Loci.ControlPlane.Xtr;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

/// <summary>Priority and weight (RFC 9301 §5.4) applied per flow by hashing the 5-tuple.</summary>
public class LocatorSelectionTests
{
    private static MapCacheLocator Locator(string address, byte priority, byte weight, bool up = true) =>
        new(IPAddress.Parse(address), priority, weight) { IsUp = up };

    /// <summary>10,000 distinct flows: sources in 10.0.0.0/16, ephemeral ports, TCP to port 443 of one EID.</summary>
    private static IEnumerable<FlowKey> Flows(int count = 10_000) =>
        Enumerable.Range(0, count).Select(i => FlowKey.From(
            new IPAddress(new byte[] { 10, 0, (byte)(i / 256 % 256), (byte)(i % 256) }),
            IPAddress.Parse("10.1.2.3"),
            ProtocolType.Tcp,
            (ushort)(32_768 + (i * 7 % 28_000)),
            443));

    private static int[] Split(MapCacheLocator[] locators, IEnumerable<FlowKey> flows)
    {
        var counts = new int[locators.Length];
        foreach (var flow in flows)
        {
            counts[LocatorSelection.Choose(locators, flow)]++;
        }

        return counts;
    }

    [Fact]
    public void Choose_TenThousandFlowsWeights503020_SplitInProportionWithinFivePercent()
    {
        var locators = new[]
        {
            Locator("203.0.113.1", 1, 50),
            Locator("203.0.113.2", 1, 30),
            Locator("203.0.113.3", 2, 100), // worse priority: unused while priority 1 has a live locator
            Locator("203.0.113.4", 1, 20),
            Locator("203.0.113.5", 1, 100, up: false), // down: skipped
        };

        var counts = Split(locators, Flows());

        Assert.InRange(counts[0], 5000 * 0.95, 5000 * 1.05);
        Assert.InRange(counts[1], 3000 * 0.95, 3000 * 1.05);
        Assert.InRange(counts[3], 2000 * 0.95, 2000 * 1.05);
        Assert.Equal(0, counts[2]);
        Assert.Equal(0, counts[4]);
    }

    [Fact]
    public void Choose_SameFlow_AlwaysTheSameLocator()
    {
        var locators = new[] { Locator("203.0.113.1", 1, 50), Locator("203.0.113.2", 1, 50) };
        var copy = locators.Select(l => l with { }).ToArray();

        foreach (var flow in Flows(1000))
        {
            var chosen = LocatorSelection.Choose(locators, flow);
            Assert.Equal(chosen, LocatorSelection.Choose(locators, flow));
            Assert.Equal(chosen, LocatorSelection.Choose(copy, flow));
        }
    }

    [Fact]
    public void Choose_AllWeightsZero_EqualSplit()
    {
        var locators = new[] { Locator("203.0.113.1", 1, 0), Locator("203.0.113.2", 1, 0), Locator("203.0.113.3", 1, 0) };

        var counts = Split(locators, Flows(9000));

        Assert.All(counts, c => Assert.InRange(c, 3000 * 0.95, 3000 * 1.05));
    }

    [Fact]
    public void Choose_WeightZeroBesideWeightedLocators_NeverChosen()
    {
        var locators = new[] { Locator("203.0.113.1", 1, 0), Locator("203.0.113.2", 1, 10) };

        Assert.Equal(new[] { 0, 1000 }, Split(locators, Flows(1000)));
    }

    [Fact]
    public void Choose_BestPriorityAllDown_FallsBackToTheNextPriority()
    {
        var locators = new[]
        {
            Locator("203.0.113.1", 1, 100, up: false),
            Locator("203.0.113.2", 3, 100),
            Locator("203.0.113.3", 2, 100),
        };

        Assert.Equal(new[] { 0, 0, 1000 }, Split(locators, Flows(1000)));
    }

    [Fact]
    public void Choose_NoUsableLocator_MinusOne()
    {
        Assert.Equal(-1, LocatorSelection.Choose([], default(FlowKey)));
        Assert.Equal(-1, LocatorSelection.Choose([Locator("203.0.113.1", 255, 100)], default(FlowKey)));
        Assert.Equal(-1, LocatorSelection.Choose([Locator("203.0.113.1", 1, 100, up: false)], default(FlowKey)));
    }

    [Fact]
    public void Choose_FamilyNotAllowed_Skipped()
    {
        var locators = new[] { Locator("2001:db8::1", 1, 100), Locator("203.0.113.2", 2, 100) };

        Assert.Equal(1, LocatorSelection.Choose(locators, default(FlowKey), allowIPv4: true, allowIPv6: false));
        Assert.Equal(0, LocatorSelection.Choose(locators, default(FlowKey)));
        Assert.Equal(-1, LocatorSelection.Choose(locators, default(FlowKey), allowIPv4: false, allowIPv6: false));
    }

    [Fact]
    public void HashFlow_KnownTuples_FrozenValues()
    {
        // Frozen: ITRs and data planes of one site must agree on which flow goes where, across versions.
        var flow = FlowKey.From(IPAddress.Parse("10.1.2.3"), IPAddress.Parse("192.0.2.99"), ProtocolType.Tcp, 40_000, 443);

        Assert.Equal(0x1d3b_1559_362b_097aUL, LocatorSelection.HashFlow(flow));
        Assert.Equal(0x2b87_5fe9_0b26_4f7cUL, LocatorSelection.HashFlow(default));
    }

    [Fact]
    public void HashFlow_FlowsDifferingInOnePort_SpreadOverBothHalves()
    {
        var hashes = Enumerable.Range(0, 1000)
            .Select(p => LocatorSelection.HashFlow(new FlowKey(1, 2, 6, (ushort)p, 443)))
            .ToList();

        Assert.Equal(1000, hashes.Distinct().Count());
        Assert.InRange(hashes.Count(h => h >= 1UL << 63), 450, 550);
    }
}
