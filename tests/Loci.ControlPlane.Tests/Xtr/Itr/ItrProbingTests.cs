using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.Itr.ItrHarness;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

/// <summary>RLOC-probing (RFC 9301 §6.3.2): RTT per locator, down after missed probes, up on an answer.</summary>
public class ItrProbingTests
{
    private static readonly IPAddress LocatorA = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress LocatorB = IPAddress.Parse("203.0.113.11");

    private static ItrHarness Probing()
    {
        var itr = new ItrHarness(o => o with
        {
            ProbeInterval = TimeSpan.FromSeconds(60),
            ProbeTimeout = TimeSpan.FromSeconds(3),
            ProbeMissesToDown = 3,
            IdleTimeout = TimeSpan.FromHours(1),
        });
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 1440, ("203.0.113.10", 1, 100), ("203.0.113.11", 2, 100)));
        return itr;
    }

    /// <summary>Answers, as the locator's ETR would, every probe sent to <paramref name="locator"/> from index <paramref name="from"/> on.</summary>
    private static void AnswerProbes(ItrHarness itr, IPAddress locator, int from)
    {
        foreach (var (destination, request) in itr.NativeRequests.Skip(from).Where(p => p.Destination.Address.Equals(locator)).ToList())
        {
            itr.Deliver(new MapReply(request.Nonce, new[] { Positive("10.1.0.0/16", 1440, (locator.ToString(), 1, 100)) }) { Probe = true }, destination);
        }
    }

    [Fact]
    public void OnTimer_ProbeIntervalElapsed_ProbesEachLocatorDirectlyWithThePBit()
    {
        var itr = Probing();

        itr.Run(TimeSpan.FromSeconds(59.95));
        Assert.Empty(itr.NativeRequests);
        itr.Run(TimeSpan.FromMilliseconds(50));

        var probes = itr.NativeRequests;
        Assert.Equal(new[] { new IPEndPoint(LocatorA, 4342), new IPEndPoint(LocatorB, 4342) }, probes.Select(p => p.Destination).ToArray());
        Assert.All(probes, p =>
        {
            Assert.True(p.Request.Probe);
            Assert.False(p.Request.SolicitMapRequest || p.Request.SmrInvoked);
            Assert.Equal(LispAddress.None, p.Request.SourceEid);
            Assert.Equal(new LispAddress[] { new InetAddress(RlocV4), new InetAddress(RlocV6) }, p.Request.ItrRlocs.ToArray());
            var record = Assert.Single(p.Request.Records);
            Assert.Equal(new InetAddress(IPAddress.Parse("10.1.0.0")), record.EidPrefix);
            Assert.Equal(16, record.MaskLength);
        });
        Assert.NotEqual(probes[0].Request.Nonce, probes[1].Request.Nonce);
        Assert.Empty(itr.Requests.Skip(1)); // probes are not ECM'd to the Map-Resolver
        Assert.Equal(2, itr[ItrCounter.ProbesSent]);
    }

    [Fact]
    public void Receive_ProbeAnswered_RttKeptPerLocator()
    {
        var itr = Probing();
        itr.Run(TimeSpan.FromSeconds(60));

        itr.Run(TimeSpan.FromMilliseconds(150));
        AnswerProbes(itr, LocatorA, 0);
        itr.Run(TimeSpan.FromMilliseconds(100));
        AnswerProbes(itr, LocatorB, 0);

        var locators = itr.Entry("10.1.0.0/16")!.Locators;
        Assert.Equal(TimeSpan.FromMilliseconds(150), locators[0].LastRtt);
        Assert.Equal(TimeSpan.FromMilliseconds(250), locators[1].LastRtt);
        Assert.All(locators, l => Assert.True(l.IsUp));
        Assert.Equal(2, itr[ItrCounter.ProbesAnswered]);
    }

    [Fact]
    public void OnTimer_LocatorMissesThreeProbes_MarkedDownSkippedThenUpAgainOnAnAnswer()
    {
        var itr = Probing();
        Assert.Equal(LocatorA, itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3")).Rloc);

        itr.Run(TimeSpan.FromSeconds(60)); // first probes at 60 s, then every 60 s
        for (var round = 1; round <= 3; round++)
        {
            AnswerProbes(itr, LocatorB, itr.NativeRequests.Count - 2); // B answers, A stays silent
            itr.Run(TimeSpan.FromSeconds(3));
            var a = itr.Entry("10.1.0.0/16")!.Locators[0];
            Assert.Equal(round, a.ConsecutiveProbeMisses);
            Assert.Equal(round < 3, a.IsUp);
            Assert.True(itr.Entry("10.1.0.0/16")!.Locators[1].IsUp);
            if (round < 3)
            {
                itr.Run(TimeSpan.FromSeconds(57));
            }
        }

        Assert.Equal(LocatorB, itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3")).Rloc);
        Assert.Equal(1, itr[ItrCounter.LocatorsDown]);
        Assert.Equal(3, itr[ItrCounter.ProbesLost]);

        var next = itr.NativeRequests.Count;
        itr.Run(TimeSpan.FromSeconds(57));
        itr.Run(TimeSpan.FromMilliseconds(80));
        AnswerProbes(itr, LocatorA, next);

        var back = itr.Entry("10.1.0.0/16")!.Locators[0];
        Assert.True(back.IsUp);
        Assert.Equal(0, back.ConsecutiveProbeMisses);
        Assert.Equal(TimeSpan.FromMilliseconds(80), back.LastRtt);
        Assert.Equal(itr.Now, back.LastProbeAnswer);
        Assert.Equal(1, itr[ItrCounter.LocatorsUp]);
        Assert.Equal(LocatorA, itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3")).Rloc);
    }

    [Fact]
    public void Receive_RefreshOfAProbedEntry_KeepsWhatProbingLearned()
    {
        var itr = Probing();
        for (var round = 0; round < 3; round++)
        {
            itr.Run(TimeSpan.FromSeconds(63));
        }

        Assert.False(itr.Entry("10.1.0.0/16")!.Locators[0].IsUp);
        var refresh = itr.Itr.ResolveAsync(EidPrefix.Parse("10.1.0.0/16"));
        itr.Tick();

        itr.Deliver(Reply(itr.Requests[^1].Request.Nonce, Positive("10.1.0.0/16", 1440, ("203.0.113.10", 1, 100), ("203.0.113.12", 2, 100))));

        Assert.True(refresh.IsCompletedSuccessfully);
        var locators = itr.Entry("10.1.0.0/16")!.Locators;
        Assert.False(locators[0].IsUp); // still down: the R bit is the site's belief, the lost probes are this ITR's observation
        Assert.True(locators[1].IsUp);
    }

    [Fact]
    public void Receive_ProbeReplyWithUnknownNonce_DroppedAndCounted()
    {
        var itr = Probing();
        itr.Run(TimeSpan.FromSeconds(60));

        itr.Deliver(new MapReply(0x1234, new[] { Positive("10.1.0.0/16", 1440, ("203.0.113.10", 1, 100)) }) { Probe = true });

        Assert.Equal(1, itr[ItrCounter.UnknownNonceDropped]);
        Assert.Equal(0, itr[ItrCounter.ProbesAnswered]);
        Assert.Null(itr.Entry("10.1.0.0/16")!.Locators[0].LastRtt);
    }

    [Fact]
    public void OnTimer_ProbeIntervalZero_NoProbes()
    {
        var itr = new ItrHarness(o => o with { ProbeInterval = TimeSpan.Zero });
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 1440, ("203.0.113.10", 1, 100)));

        itr.Run(TimeSpan.FromMinutes(2));

        Assert.Empty(itr.NativeRequests);
    }

    [Fact]
    public void OnTimer_EntryEvicted_ProbingStops()
    {
        var itr = new ItrHarness(o => o with { ProbeInterval = TimeSpan.FromSeconds(60), IdleTimeout = TimeSpan.FromSeconds(90) });
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 1440, ("203.0.113.10", 1, 100)));

        itr.Run(TimeSpan.FromMinutes(5));

        Assert.Single(itr.NativeRequests); // at 60 s; evicted at 90 s, so none at 120 s
        Assert.Equal(1, itr[ItrCounter.EvictedIdle]);
    }
}
