namespace Loci.Prefixes.Tests;

public class TableShapeTests
{
    [Fact]
    public void GetShape_SameSetInsertedInDifferentOrders_IsIdentical()
    {
        var random = new RandomPrefixes(5, EidFamily.IPv6, [0]);
        var prefixes = Enumerable.Range(0, 3000).Select(_ => random.NextPrefix()).Distinct().ToList();
        var forward = new EidTable<int>();
        var backward = new EidTable<int>();
        var churned = new EidTable<int>();

        forward.SetRange(prefixes.Select(p => KeyValuePair.Create(p, 0)));
        backward.SetRange(Enumerable.Reverse(prefixes).Select(p => KeyValuePair.Create(p, 0)));
        churned.SetRange(prefixes.Select(p => KeyValuePair.Create(p, 0)));
        var extra = Enumerable.Range(0, 500).Select(_ => random.NextPrefix()).Except(prefixes).ToList();
        foreach (var p in extra)
        {
            churned.Set(p, 1);
        }

        foreach (var p in extra)
        {
            churned.Remove(p);
        }

        Assert.Equal(forward.Current.GetShape(), backward.Current.GetShape());
        Assert.Equal(forward.Current.GetShape(), churned.Current.GetShape());
    }

    [Fact]
    public void GetShape_KnownIpv4Layout_CountsNodesLeavesAndDepth()
    {
        var table = new EidTable<long>();

        // Root holds 10.0.0.0/8 (depth 1); 10.1.0.0/16 and 10.1.2.0/24 share the 10.x node; the
        // /24 goes one node deeper (10.1.x). 192.0.2.0/24 is alone under 192: a leaf of the root.
        foreach (var text in new[] { "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.3.0/24", "192.0.2.0/24" })
        {
            table.Set(EidPrefix.Parse(text), 0);
        }

        var shape = table.Current.GetShape(0, EidFamily.IPv4);

        Assert.Equal(5, shape.Prefixes);
        Assert.Equal(3, shape.Nodes);
        Assert.Equal(1, shape.Leaves);
        Assert.Equal(3, shape.MaxDepth);
        Assert.Equal((1 + 2 + 3 + 3 + 2) / 5.0, shape.AverageDepth, 9);
        Assert.Equal(5 * sizeof(long), shape.ValueBytes);
        Assert.True(shape.Bytes > 3 * 176, $"bytes {shape.Bytes}");
        Assert.Equal(shape, table.Current.GetShape());
    }
}
