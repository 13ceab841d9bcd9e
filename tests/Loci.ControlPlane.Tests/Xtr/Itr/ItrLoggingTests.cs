using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Microsoft.Extensions.Logging;
using static Loci.ControlPlane.Tests.Xtr.Itr.ItrHarness;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

/// <summary>Per-packet and per-EID events at Debug, state changes at Information (DESIGN.md §5).</summary>
public class ItrLoggingTests
{
    [Fact]
    public void OnTimer_MappingSystemSilentForManyEids_OneInformationLineThenOneWhenItAnswersAgain()
    {
        var logger = new RecordingLogger();
        var itr = new ItrHarness(logger: logger);
        for (var i = 1; i <= 5; i++)
        {
            itr.Itr.Lookup(EidPrefix.Parse($"10.0.0.{i}"));
        }

        itr.Tick();
        itr.Run(TimeSpan.FromSeconds(15));
        Assert.Equal(5, itr[ItrCounter.ResolutionsFailed]);

        var information = logger.Events.Where(e => e.Level >= LogLevel.Information).ToList();
        var silent = Assert.Single(information);
        Assert.Equal(5115, silent.Id.Id);
        Assert.Contains(logger.Events, e => e.Level == LogLevel.Debug && e.Id.Id == 5106);

        var request = itr.Miss("10.9.9.9").Request;
        itr.Deliver(Reply(request.Nonce, Positive("10.9.0.0/16", 60, ("203.0.113.10", 1, 100))));

        Assert.Contains(logger.Events, e => e.Level == LogLevel.Information && e.Id.Id == 5116);
    }

    [Fact]
    public void Receive_UnknownNonceAndGarbage_DebugOnly()
    {
        var logger = new RecordingLogger();
        var itr = new ItrHarness(logger: logger);

        itr.Deliver(Reply(42, Positive("10.9.0.0/16", 60, ("203.0.113.10", 1, 100))));
        itr.Deliver([0xFF, 0x00]);

        Assert.Equal(2, logger.Events.Count);
        Assert.All(logger.Events, e => Assert.Equal(LogLevel.Debug, e.Level));
    }
}
