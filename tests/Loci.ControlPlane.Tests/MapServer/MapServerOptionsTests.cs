using System.Diagnostics.Metrics;
using Loci.ControlPlane.MapServers;
using Loci.ControlPlane.Tests.Support;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Tests.MapServer;

public class MapServerOptionsTests
{
    public static TheoryData<string, string> Invalid => new()
    {
        { "no keys", "Sites[0] ('site1').Keys" },
        { "empty password", "Sites[0] ('site1').Keys[0].Password" },
        { "duplicate key", "Sites[0] ('site1').Keys[1].KeyId" },
        { "hkdf algorithm", "Sites[0] ('site1').Keys[0].Algorithm" },
        { "no prefixes", "Sites[0] ('site1').AllowedPrefixes" },
        { "overlapping sites", "Sites[1] ('site2').AllowedPrefixes" },
        { "duplicate name", "Sites[1].Name" },
        { "empty name", "Sites[0].Name" },
        { "zero ttl", "RegistrationTtl" },
        { "bad port", "EtrControlPort" },
        { "mac rloc filter", "Sites[0] ('site1').AllowedRlocs" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidField_ArgumentExceptionNamesField(string problem, string field)
    {
        var options = Build(problem);

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DemoConfiguration_Passes() => MapServerHarness.DefaultOptions().Validate();

    [Fact]
    public void Constructor_InvalidOptions_Throws() =>
        Assert.Throws<ArgumentException>(() => new Loci.ControlPlane.MapServers.MapServer(Build("zero ttl"), new RecordingSender(), new ManualTimeProvider(), MapServerHarness.Local));

    [Fact]
    public void Counters_PublishedOnLociMapServerMeter()
    {
        // Other tests create map-servers in parallel, all publishing on "Loci.MapServer": listen to this one's meter only.
        using var meters = new SingleMeterFactory();
        using var h = new MapServerHarness(meters: meters);
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Loci.MapServer" && ReferenceEquals(instrument.Meter, meters.Created))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.Start();
        h.Send(h.Register([MapServerHarness.Record("10.1.0.0/24", 3, "127.0.0.101")]), MapServerHarness.WrongKey);

        listener.RecordObservableInstruments();
        Assert.Equal(1, seen["loci.mapserver.auth.failures"]);
        Assert.Equal(1, seen["loci.mapserver.registers.received"]);
    }

    private static MapServerOptions Build(string problem)
    {
        var site1Key = new SiteKeyOptions { Password = "site1-key" };
        var site1 = new SiteOptions { Name = "site1", Keys = [site1Key], AllowedPrefixes = [EidPrefix.Parse("10.1.0.0/16")] };
        var site2 = new SiteOptions { Name = "site2", Keys = [new SiteKeyOptions { Password = "k" }], AllowedPrefixes = [EidPrefix.Parse("10.2.0.0/16")] };
        switch (problem)
        {
            case "no keys":
                site1 = new SiteOptions { Name = "site1", AllowedPrefixes = site1.AllowedPrefixes };
                break;
            case "empty password":
                site1 = new SiteOptions { Name = "site1", Keys = [new SiteKeyOptions()], AllowedPrefixes = site1.AllowedPrefixes };
                break;
            case "duplicate key":
                site1 = new SiteOptions { Name = "site1", Keys = [site1Key, new SiteKeyOptions { Password = "other" }], AllowedPrefixes = site1.AllowedPrefixes };
                break;
            case "hkdf algorithm":
                site1 = new SiteOptions { Name = "site1", Keys = [new SiteKeyOptions { Password = "x", Algorithm = AuthAlgorithm.HmacSha256_128HkdfSha256 }], AllowedPrefixes = site1.AllowedPrefixes };
                break;
            case "no prefixes":
                site1 = new SiteOptions { Name = "site1", Keys = [site1Key] };
                break;
            case "overlapping sites":
                site2 = new SiteOptions { Name = "site2", Keys = site2.Keys, AllowedPrefixes = [EidPrefix.Parse("10.1.2.0/24")] };
                break;
            case "duplicate name":
                site2 = new SiteOptions { Name = "site1", Keys = site2.Keys, AllowedPrefixes = site2.AllowedPrefixes };
                break;
            case "empty name":
                site1 = new SiteOptions { Name = " ", Keys = [site1Key], AllowedPrefixes = site1.AllowedPrefixes };
                break;
            case "mac rloc filter":
                site1 = new SiteOptions { Name = "site1", Keys = [site1Key], AllowedPrefixes = site1.AllowedPrefixes, AllowedRlocs = [EidPrefix.Parse("00-11-22-33-44-55/48")] };
                break;
        }

        return new MapServerOptions
        {
            Sites = [site1, site2],
            RegistrationTtl = problem == "zero ttl" ? TimeSpan.Zero : TimeSpan.FromMinutes(3),
            EtrControlPort = problem == "bad port" ? 70000 : 4342,
        };
    }
}
