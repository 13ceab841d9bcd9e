using System.Net;
using Loci.ControlPlane.Tests.Support;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.EtrTests.EtrHarness;
using EtrRole = Loci.ControlPlane.Xtr.Etr;

namespace Loci.ControlPlane.Tests.Xtr.EtrTests;

public class EtrOptionsTests
{
    public static TheoryData<string, string> Invalid => new()
    {
        // case name, option expected in the error
        { "no map-servers", "MapServers" },
        { "duplicate map-server name", "MapServers[1].Name" },
        { "map-server without address", "MapServers[0] ('ms-a').Address" },
        { "map-server port 0", "MapServers[0] ('ms-a').Address" },
        { "unsupported algorithm", "MapServers[0] ('ms-a').Algorithm" },
        { "empty password", "MapServers[1] ('ms-b').Password" },
        { "prefix without locators", "Database[0] (10.1.0.0/16).Locators" },
        { "prefix naming unknown map-server", "Database[0] (10.1.0.0/16).MapServers" },
        { "record TTL 0", "Database[1] (2001:db8:1::/48).TtlMinutes" },
        { "duplicate prefix", "Database[2].Prefix" },
        { "probed bit preset", "Database[0] (10.1.0.0/16).Locators" },
        { "negative retransmits", "NotifyMaxRetransmits" },
        { "zero register interval", "RegisterInterval" },
        { "zero requester bound", "MaxRequestersPerPrefix" },
        { "zero SMR attempts", "SmrMaxAttempts" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Constructor_InvalidOptions_ThrowNamingTheOption(string name, string option)
    {
        var valid = DefaultOptions();
        var ms = valid.MapServers;
        var db = valid.Database;
        var options = name switch
        {
            "no map-servers" => valid with { MapServers = [] },
            "duplicate map-server name" => valid with { MapServers = [ms[0], ms[1] with { Name = "ms-a" }] },
            "map-server without address" => valid with { MapServers = [ms[0] with { Address = null }, ms[1]] },
            "map-server port 0" => valid with { MapServers = [ms[0] with { Address = new IPEndPoint(IPAddress.Loopback, 0) }, ms[1]] },
            "unsupported algorithm" => valid with { MapServers = [ms[0] with { Algorithm = AuthAlgorithm.HmacSha256_128HkdfSha256 }, ms[1]] },
            "empty password" => valid with { MapServers = [ms[0], ms[1] with { Password = "" }] },
            "prefix without locators" => valid with { Database = [db[0] with { Locators = [] }, db[1]] },
            "prefix naming unknown map-server" => valid with { Database = [db[0] with { MapServers = ["ms-c"] }, db[1]] },
            "record TTL 0" => valid with { Database = [db[0], db[1] with { TtlMinutes = 0 }] },
            "duplicate prefix" => valid with { Database = [db[0], db[1], db[0]] },
            "probed bit preset" => valid with { Database = [db[0] with { Locators = [Locator("192.0.2.1") with { Probed = true }] }, db[1]] },
            "negative retransmits" => valid with { NotifyMaxRetransmits = -1 },
            "zero register interval" => valid with { RegisterInterval = TimeSpan.Zero },
            "zero requester bound" => valid with { MaxRequestersPerPrefix = 0 },
            "zero SMR attempts" => valid with { SmrMaxAttempts = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var error = Assert.Throws<ArgumentException>(() => new EtrRole(options, new RecordingSender(), new ManualTimeProvider()));

        Assert.Equal(option, error.ParamName);
        Assert.StartsWith($"ETR option {option} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_FollowTheRfcAndSaySo()
    {
        var options = new EtrOptions();

        Assert.Equal(TimeSpan.FromMinutes(1), options.RegisterInterval);
        Assert.True(options.WantMapNotify);
        Assert.Equal(TimeSpan.FromSeconds(3), options.NotifyRetransmitInterval);
        Assert.Equal(3, options.NotifyMaxRetransmits);
        Assert.Equal(TimeSpan.FromDays(1), options.RequesterMemory);
        Assert.Equal(1024, options.MaxRequestersPerPrefix);
        Assert.Equal(TimeSpan.FromSeconds(1), options.SmrInterval);
        Assert.Equal(1440u, new EtrPrefixOptions().TtlMinutes);
    }

    [Fact]
    public void Constructor_EmptyDatabase_AllowedAndNothingToRegister()
    {
        using var h = new EtrHarness(o => o with { Database = [] });
        h.Etr.OnTimer();

        Assert.Empty(h.Sender.Sent);
        Assert.All(h.Etr.GetMapServers(), s => Assert.Equal(EtrRegistrationState.Idle, s.State));
        Assert.False(h.Etr.AllRegistered);

        h.Etr.SetPrefix(new EtrPrefixOptions { Prefix = EidPrefix.Parse("10.1.0.0/16"), Locators = [Locator("192.0.2.1")] });
        h.Etr.OnTimer();
        Assert.Equal(2, h.Registers().Count);
    }
}
