using Loci.ControlPlane.Tests.Logging;
using Loci.ControlPlane.Tests.Support;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;
using static Loci.ControlPlane.Tests.Xtr.EtrTests.EtrHarness;
using EtrRole = Loci.ControlPlane.Xtr.Etr;

namespace Loci.ControlPlane.Tests.Xtr.EtrTests;

public class EtrLoggingTests
{
    private readonly CapturingLogger _log = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly RecordingSender _sender = new();

    [Fact]
    public void Registration_StateChangesLoggedOnceAtInformationAndWarning()
    {
        using var etr = new EtrRole(DefaultOptions() with { MapServers = [DefaultOptions().MapServers[0]] }, _sender, _clock, _log);

        etr.OnTimer();
        ConfirmSent(etr);
        Advance(etr, TimeSpan.FromSeconds(60));
        ConfirmSent(etr);

        var registered = Assert.Single(_log.Event(5000)); // the second confirmed round is no news
        Assert.Equal(LogLevel.Information, registered.Level);
        Assert.Contains("ms-a", registered.Message, StringComparison.Ordinal);

        for (var i = 0; i < 140; i++)
        {
            Advance(etr, TimeSpan.FromSeconds(1)); // the rounds of 120 s and 180 s both fail
        }

        var failing = Assert.Single(_log.Event(5001));
        Assert.Equal(LogLevel.Warning, failing.Level);
        Assert.Equal(2, etr.Counters.RegistrationRoundsFailed);
    }

    [Fact]
    public void PerPacketEvents_OnlyAtDebug_MappingChangeAndSmrAtInformation()
    {
        using var etr = new EtrRole(DefaultOptions(), _sender, _clock, _log);
        using var harness = new EtrHarness();
        for (var i = 0; i < 20; i++)
        {
            etr.Receive(new InboundDatagram(harness.Request("10.1.0.1/32").ToArray(), ItrV4, LocalV4));
            etr.Receive(new InboundDatagram(harness.Request("10.9.0.1/32").ToArray(), ItrV4, LocalV4));
            etr.Receive(new InboundDatagram(new byte[] { 0x10, 1, 2 }, ItrV4, LocalV4));
        }

        Assert.Empty(_log.AboveDebug);
        Assert.NotEmpty(_log.Entries);

        etr.UpdateMapping(EidPrefix.Parse("10.1.0.0/16"), [Locator("192.0.2.50")]);
        etr.OnTimer();

        Assert.Equal(LogLevel.Information, Assert.Single(_log.Event(5002)).Level);
        var smrs = Assert.Single(_log.Event(5006));
        Assert.Equal(LogLevel.Information, smrs.Level);
        Assert.Equal(1, smrs.Values["Requesters"]);
    }

    private void Advance(EtrRole etr, TimeSpan delta)
    {
        _clock.Advance(delta);
        etr.OnTimer();
    }

    private void ConfirmSent(EtrRole etr)
    {
        foreach (var (destination, payload) in _sender.Sent.ToList())
        {
            if (LispMessage.Parse(payload) is MapRegister register)
            {
                etr.Receive(new InboundDatagram(NotifyFor(register, KeyA), destination, LocalV4));
            }
        }

        _sender.Clear();
    }
}
