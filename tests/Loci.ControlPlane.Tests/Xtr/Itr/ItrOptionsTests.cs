using System.Net;
using Loci.ControlPlane.Tests.Support;
using Loci.ControlPlane.Xtr;
using ItrRole = Loci.ControlPlane.Xtr.Itr;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

public class ItrOptionsTests
{
    private static readonly ItrOptions Valid = new()
    {
        MapResolvers = [ItrHarness.Mr1],
        Rlocs = [ItrHarness.RlocV4],
    };

    public static TheoryData<string, ItrOptions> Invalid => new()
    {
        { "MapResolvers", Valid with { MapResolvers = [] } },
        { "MapResolvers[1]", Valid with { MapResolvers = [ItrHarness.Mr1, null!] } },
        { "Rlocs", Valid with { Rlocs = [] } },
        { "Rlocs[0]", Valid with { Rlocs = [IPAddress.Any] } },
        { "ControlPort", Valid with { ControlPort = 0 } },
        { "LocatorControlPort", Valid with { LocatorControlPort = 70_000 } },
        { "MinRequestInterval", Valid with { MinRequestInterval = TimeSpan.Zero } },
        { "RetransmitInterval", Valid with { RetransmitInterval = TimeSpan.FromMilliseconds(500) } },
        { "MaxRetries", Valid with { MaxRetries = -1 } },
        { "FailureHoldDown", Valid with { FailureHoldDown = TimeSpan.FromSeconds(-1) } },
        { "IdleTimeout", Valid with { IdleTimeout = TimeSpan.Zero } },
        { "MaxTtl", Valid with { MaxTtl = TimeSpan.Zero } },
        { "ProbeInterval", Valid with { ProbeInterval = TimeSpan.FromSeconds(-1) } },
        { "ProbeTimeout", Valid with { ProbeTimeout = TimeSpan.FromSeconds(60) } },
        { "ProbeMissesToDown", Valid with { ProbeMissesToDown = 0 } },
        { "ProxyEtrs[0]", Valid with { ProxyEtrs = [null!] } },
        { "MaxPendingRequests", Valid with { MaxPendingRequests = 0 } },
        { "MaxCacheEntries", Valid with { MaxCacheEntries = 0 } },
    };

    [Fact]
    public void Validate_Defaults_Valid()
    {
        Assert.Empty(Valid.Validate());
        Assert.Equal(TimeSpan.FromMinutes(3), Valid.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), Valid.ProbeInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), Valid.MinRequestInterval);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Constructor_InvalidOption_ThrowsNamingTheOption(string option, ItrOptions options)
    {
        var error = Assert.Throws<ArgumentException>(() => new ItrRole(options, new RecordingSender(), new ManualTimeProvider()));

        Assert.Contains("  - " + option + ":", error.Message, StringComparison.Ordinal);
        Assert.Single(options.Validate());
    }
}
