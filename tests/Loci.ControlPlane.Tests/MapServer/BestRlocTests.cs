using System.Net;
using Loci.ControlPlane.MapServers;
using Loci.Wire;

namespace Loci.ControlPlane.Tests.MapServer;

/// <summary>Which registered RLOC a Map-Request is forwarded to (RFC 9301 §5.4 priority, R bit).</summary>
public class BestRlocTests
{
    [Fact]
    public void BestRloc_LowestPriority_SkipsPriority255()
    {
        var chosen = RegisteredPrefix.BestRloc([Locator("192.0.2.1", 2), Locator("192.0.2.2", 1), Locator("192.0.2.3", 255)]);
        Assert.Equal(IPAddress.Parse("192.0.2.2"), chosen);
    }

    [Fact]
    public void BestRloc_PrefersReachable_OverABetterPriorityMarkedDown()
    {
        var chosen = RegisteredPrefix.BestRloc([Locator("192.0.2.1", 1, reachable: false), Locator("192.0.2.2", 3)]);
        Assert.Equal(IPAddress.Parse("192.0.2.2"), chosen);
    }

    [Fact]
    public void BestRloc_AllMarkedDown_StillForwardsToTheBestPriority()
    {
        var chosen = RegisteredPrefix.BestRloc([Locator("192.0.2.1", 2, reachable: false), Locator("192.0.2.2", 1, reachable: false)]);
        Assert.Equal(IPAddress.Parse("192.0.2.2"), chosen);
        Assert.Null(RegisteredPrefix.BestRloc([Locator("192.0.2.9", 255)]));
    }

    private static LocatorRecord Locator(string address, byte priority, bool reachable = true) =>
        new(new InetAddress(IPAddress.Parse(address)), priority, 100, Reachable: reachable);
}
