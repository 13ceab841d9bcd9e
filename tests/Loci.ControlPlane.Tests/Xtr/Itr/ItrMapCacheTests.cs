using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.Itr.ItrHarness;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

/// <summary>Map-cache lifetime (TTL, seed 004's 3-minute idle rule), lookups and Proxy-ETRs.</summary>
public class ItrMapCacheTests
{
    [Fact]
    public void OnTimer_TtlRunsOutWhileInUse_EntryEvicted()
    {
        var itr = new ItrHarness();
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 2, ("203.0.113.10", 1, 100)));

        for (var i = 0; i < 3; i++)
        {
            itr.Run(TimeSpan.FromSeconds(30));
            Assert.Equal(ItrLookupOutcome.Hit, itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3")).Outcome);
        }

        itr.Run(TimeSpan.FromSeconds(29));
        Assert.NotNull(itr.Entry("10.1.0.0/16"));
        itr.Run(TimeSpan.FromSeconds(1));

        Assert.Null(itr.Entry("10.1.0.0/16"));
        Assert.Equal(1, itr[ItrCounter.EvictedTtl]);
        Assert.Equal(0, itr[ItrCounter.EvictedIdle]);
    }

    [Fact]
    public void OnTimer_ThreeMinutesWithoutLookup_EntryEvictedAsIdle()
    {
        var itr = new ItrHarness();
        itr.Resolve("2001:db8:1::7", Positive("2001:db8:1::/48", 1440, ("2001:db8:aaaa::1", 1, 100)));
        itr.Run(TimeSpan.FromMinutes(2));
        itr.Itr.Lookup(EidPrefix.Parse("2001:db8:1::7")); // used at 2:00

        itr.Run(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        Assert.NotNull(itr.Entry("2001:db8:1::/48"));
        itr.Run(TimeSpan.FromSeconds(1));

        Assert.Null(itr.Entry("2001:db8:1::/48"));
        Assert.Equal(1, itr[ItrCounter.EvictedIdle]);
        Assert.Equal(ItrLookupOutcome.Miss, itr.Itr.Lookup(EidPrefix.Parse("2001:db8:1::7")).Outcome);
    }

    [Fact]
    public void OnTimer_NegativeEntryUnused_EvictedAsIdleToo()
    {
        var itr = new ItrHarness(o => o with { IdleTimeout = TimeSpan.FromMinutes(1) });
        itr.Resolve("192.0.2.7", Negative("192.0.2.0/24", 60, MapReplyAction.DropNoReason));

        itr.Run(TimeSpan.FromMinutes(1));

        Assert.Empty(itr.Itr.MapCache);
        Assert.Equal(1, itr[ItrCounter.EvictedIdle]);
    }

    [Fact]
    public void Lookup_EntryExpiredButNotYetSwept_MissAndResolvesAgain()
    {
        var itr = new ItrHarness();
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 1, ("203.0.113.10", 1, 100)));
        itr.Clock.Advance(TimeSpan.FromMinutes(1)); // no OnTimer: the sweep has not run

        var answer = itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3"));
        itr.Tick();

        Assert.Equal(ItrLookupOutcome.Miss, answer.Outcome);
        Assert.Equal(2, itr.Requests.Count);
    }

    [Fact]
    public void Receive_HugeTtl_CappedByMaxTtl()
    {
        var itr = new ItrHarness();

        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", uint.MaxValue, ("203.0.113.10", 1, 100)));

        var entry = itr.Entry("10.1.0.0/16")!;
        Assert.Equal(uint.MaxValue, entry.TtlMinutes);
        Assert.Equal(itr.Now.AddDays(1), entry.Expires);
    }

    [Fact]
    public void Lookup_NativelyForwardWithProxyEtrs_AnswersAProxyEtrStablyPerFlow()
    {
        var petrs = new[] { IPAddress.Parse("198.51.100.201"), IPAddress.Parse("198.51.100.202") };
        var itr = new ItrHarness(o => o with { ProxyEtrs = petrs });
        itr.Resolve("8.8.8.8", Negative("8.0.0.0/8", 15, MapReplyAction.NativelyForward));

        var chosen = new HashSet<IPAddress>();
        for (ushort port = 1; port <= 200; port++)
        {
            var flow = FlowKey.From(IPAddress.Parse("10.1.2.3"), IPAddress.Parse("8.8.8.8"), System.Net.Sockets.ProtocolType.Tcp, port, 443);
            var answer = itr.Itr.Lookup(EidPrefix.Parse("8.8.8.8"), flow);
            Assert.Equal(ItrLookupOutcome.Negative, answer.Outcome);
            Assert.True(answer.ViaProxyEtr);
            Assert.Equal(answer.Rloc, itr.Itr.Lookup(EidPrefix.Parse("8.8.8.8"), flow).Rloc);
            chosen.Add(answer.Rloc!);
        }

        Assert.Equal(petrs.ToHashSet(), chosen);
        Assert.Equal(400, itr[ItrCounter.ProxyEtrAnswers]);
    }

    [Theory]
    [InlineData(MapReplyAction.NoAction)]
    [InlineData(MapReplyAction.DropNoReason)]
    [InlineData(MapReplyAction.DropAuthFailure)]
    [InlineData(MapReplyAction.SendMapRequest)]
    public void Lookup_OtherNegativeActionsWithProxyEtrs_NoProxyEtr(MapReplyAction action)
    {
        var itr = new ItrHarness(o => o with { ProxyEtrs = [IPAddress.Parse("198.51.100.201")] });
        itr.Resolve("8.8.8.8", Negative("8.0.0.0/8", 15, action));

        var answer = itr.Itr.Lookup(EidPrefix.Parse("8.8.8.8"));

        Assert.Equal(ItrLookupOutcome.Negative, answer.Outcome);
        Assert.Equal(action, answer.Action);
        Assert.False(answer.ViaProxyEtr);
        Assert.Null(answer.Rloc);
    }

    [Fact]
    public void Lookup_ProxyEtrOfAFamilyTheItrHasNoRlocIn_NotUsed()
    {
        var itr = new ItrHarness(o => o with { Rlocs = [RlocV4], ProxyEtrs = [IPAddress.Parse("2001:db8:eeee::1")] });
        itr.Resolve("8.8.8.8", Negative("8.0.0.0/8", 15, MapReplyAction.NativelyForward));

        var answer = itr.Itr.Lookup(EidPrefix.Parse("8.8.8.8"));

        Assert.False(answer.ViaProxyEtr);
        Assert.Null(answer.Rloc);
    }

    [Fact]
    public void Lookup_AllLocatorsPriority255_NoUsableLocator()
    {
        var itr = new ItrHarness();
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 60, ("203.0.113.10", 255, 100), ("203.0.113.11", 255, 0)));

        var answer = itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3"));

        Assert.Equal(ItrLookupOutcome.NoUsableLocator, answer.Outcome);
        Assert.NotNull(answer.Entry);
        Assert.Equal(1, itr[ItrCounter.NoUsableLocator]);
    }

    [Fact]
    public void Lookup_LocatorsOfAFamilyWithoutRloc_Skipped()
    {
        var itr = new ItrHarness(o => o with { Rlocs = [RlocV4] });
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 60, ("2001:db8:aaaa::1", 1, 100), ("203.0.113.11", 2, 100)));

        Assert.Equal(IPAddress.Parse("203.0.113.11"), itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3")).Rloc);
    }

    [Fact]
    public void Receive_LocatorWithReachableBitClear_StartsDown()
    {
        var itr = new ItrHarness();
        var locators = new[]
        {
            new LocatorRecord(new InetAddress(IPAddress.Parse("203.0.113.10")), 1, 100, Reachable: false),
            new LocatorRecord(new InetAddress(IPAddress.Parse("203.0.113.11")), 2, 100),
        };

        itr.Resolve("10.1.2.3", Record("10.1.0.0/16", 60, locators, MapReplyAction.NoAction));

        Assert.False(itr.Entry("10.1.0.0/16")!.Locators[0].IsUp);
        Assert.Equal(IPAddress.Parse("203.0.113.11"), itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3")).Rloc);
    }

    [Fact]
    public async Task Lookup_FromManyThreadsWhileTheRoleThreadWrites_ConsistentAnswers()
    {
        var itr = new ItrHarness();
        var locators = new HashSet<IPAddress> { IPAddress.Parse("203.0.113.10"), IPAddress.Parse("203.0.113.11") };
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(t => Task.Run(() =>
        {
            var bad = 0;
            var random = new Random(t);
            while (!stop.IsCancellationRequested)
            {
                var answer = itr.Itr.Lookup(EidPrefix.Parse($"10.{random.Next(1, 40)}.0.1"));
                if (answer.Outcome is not (ItrLookupOutcome.Miss or ItrLookupOutcome.Hit) || (answer.Outcome == ItrLookupOutcome.Hit && !locators.Contains(answer.Rloc!)))
                {
                    bad++;
                }
            }

            return bad;
        })).ToArray();

        for (var round = 0; round < 200; round++)
        {
            itr.Tick();
            foreach (var request in itr.Requests.Skip(itr.Itr.MapCache.Count).ToList())
            {
                var eid = ((InetAddress)request.Request.Records[0].EidPrefix).Ip.GetAddressBytes();
                itr.Deliver(Reply(request.Request.Nonce, Positive($"10.{eid[1]}.0.0/16", 60, ("203.0.113.10", 1, 50), ("203.0.113.11", 1, 50))));
            }
        }

        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(readers), bad => Assert.Equal(0, bad));
        Assert.Equal(itr.Itr.MapCache.Count, itr[ItrCounter.RepliesAccepted]);
    }
}
