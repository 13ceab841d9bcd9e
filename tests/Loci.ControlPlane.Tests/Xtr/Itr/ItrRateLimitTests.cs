using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.Itr.ItrHarness;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

/// <summary>RFC 9301 §5.3: at most one Map-Request per second per EID; later ones wait, they are not lost.</summary>
public class ItrRateLimitTests
{
    [Fact]
    public async Task ResolveAsync_SameEidWithinOneSecond_DeferredAndSentWhenTheSecondHasPassed()
    {
        var itr = new ItrHarness();
        var eid = EidPrefix.Parse("10.1.2.3");
        var start = itr.Now;
        var first = itr.Itr.ResolveAsync(eid);
        itr.Tick();
        itr.Run(TimeSpan.FromMilliseconds(200));
        itr.Deliver(Reply(itr.Requests[0].Request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100))));
        Assert.Equal(ItrResolutionStatus.Resolved, (await first).Status);

        var second = itr.Itr.ResolveAsync(eid);
        itr.Run(TimeSpan.FromMilliseconds(100));

        Assert.Single(itr.Requests);
        var deferred = Assert.Single(itr.Itr.PendingRequests);
        Assert.Equal(ItrRequestState.Deferred, deferred.State);
        Assert.Equal(start.AddSeconds(1), deferred.NextAction);
        Assert.Equal(1, itr[ItrCounter.DeferredByRateLimit]);

        itr.Run(TimeSpan.FromMilliseconds(650));
        Assert.Single(itr.Requests);
        itr.Run(TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, itr.Requests.Count);
        Assert.Equal(start.AddSeconds(1), itr.Now);
        var resent = itr.Requests[1];
        Assert.Equal(Mr1, resent.Destination);
        Assert.NotEqual(itr.Requests[0].Request.Nonce, resent.Request.Nonce);
        Assert.False(second.IsCompleted);
        itr.Deliver(Reply(resent.Request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.11", 1, 100))));
        Assert.Equal(ItrResolutionStatus.Resolved, (await second).Status);
    }

    [Fact]
    public void Lookup_SendMapRequestNegativeEntry_AsksAgainAtMostOncePerSecond()
    {
        var itr = new ItrHarness();
        itr.Resolve("10.5.0.1", Negative("10.5.0.0/16", 1, MapReplyAction.SendMapRequest));
        Assert.Single(itr.Requests);

        for (var i = 0; i < 19; i++)
        {
            Assert.Equal(ItrLookupOutcome.Negative, itr.Itr.Lookup(EidPrefix.Parse("10.5.0.1")).Outcome);
            itr.Run(TimeSpan.FromMilliseconds(50));
        }

        Assert.Single(itr.Requests);
        itr.Itr.Lookup(EidPrefix.Parse("10.5.0.1"));
        itr.Run(TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, itr.Requests.Count);
        Assert.Equal(1, itr[ItrCounter.DeferredByRateLimit]);
    }

    [Fact]
    public void Lookup_DifferentEids_NotLimitedByEachOther()
    {
        var itr = new ItrHarness();

        itr.Miss("10.1.2.3");
        itr.Miss("10.1.2.4");

        Assert.Equal(2, itr.Requests.Count);
        Assert.Equal(0, itr[ItrCounter.DeferredByRateLimit]);
    }
}
