using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.Itr.ItrHarness;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

/// <summary>Misses, ECM Map-Requests, Map-Replies, retransmission and failover (RFC 9301 §5.3, §5.4, §5.8).</summary>
public class ItrResolutionTests
{
    [Theory]
    [InlineData("10.1.2.3", "198.51.100.1", 32)]
    [InlineData("2001:db8:1::7", "2001:db8:ffff::1", 128)]
    public void Lookup_Miss_SendsEcmMapRequestToFirstResolverWithInnerHeadersToTheEid(string eid, string innerSource, int mask)
    {
        var itr = new ItrHarness();

        var result = itr.Itr.Lookup(EidPrefix.Parse(eid));
        Assert.Empty(itr.Sender.Sent); // applied on the role thread, at the next timer
        itr.Tick();

        Assert.Equal(ItrLookupOutcome.Miss, result.Outcome);
        var (destination, ecm, request) = Assert.Single(itr.Requests);
        Assert.Equal(Mr1, destination);
        Assert.False(ecm.DdtOriginated || ecm.ToEtr || ecm.ToMapServer);
        Assert.Equal(IPAddress.Parse(innerSource), ecm.InnerSource);
        Assert.Equal(IPAddress.Parse(eid), ecm.InnerDestination);
        Assert.Equal(ControlPort, ecm.InnerSourcePort);
        Assert.Equal(4342, ecm.InnerDestinationPort);
        Assert.NotEqual(0UL, request.Nonce);
        Assert.False(request.Probe || request.SolicitMapRequest || request.SmrInvoked);
        Assert.Equal(LispAddress.None, request.SourceEid);
        Assert.Equal(new LispAddress[] { new InetAddress(RlocV4), new InetAddress(RlocV6) }, request.ItrRlocs.ToArray());
        var record = Assert.Single(request.Records);
        Assert.Equal(new InetAddress(IPAddress.Parse(eid)), record.EidPrefix);
        Assert.Equal(mask, record.MaskLength);
        Assert.Equal(1, itr[ItrCounter.RequestsSent]);
        Assert.Equal(1, itr[ItrCounter.CacheMisses]);
    }

    [Fact]
    public void Lookup_MissWithInstanceId_RecordCarriesInstanceIdLcaf()
    {
        var itr = new ItrHarness();

        var request = itr.Miss("[1000]10.1.2.3").Request;

        var record = Assert.Single(request.Records);
        var iid = Assert.IsType<InstanceIdAddress>(record.EidPrefix);
        Assert.Equal(1000u, iid.InstanceId);
        Assert.Equal(new InetAddress(IPAddress.Parse("10.1.2.3")), iid.Address);
    }

    [Fact]
    public void Lookup_IPv6EidWithIPv4OnlyItr_InnerHeaderUsesUnspecifiedSource()
    {
        var itr = new ItrHarness(o => o with { Rlocs = [RlocV4] });

        var (_, ecm, request) = itr.Miss("2001:db8:1::7");

        Assert.Equal(IPAddress.IPv6Any, ecm.InnerSource);
        Assert.Equal(new LispAddress[] { new InetAddress(RlocV4) }, request.ItrRlocs.ToArray());
    }

    [Fact]
    public void Lookup_ManyMissesBeforeTheTimer_OneMapRequest()
    {
        var itr = new ItrHarness();

        for (var i = 0; i < 5; i++)
        {
            itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3"));
        }

        itr.Tick();
        itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3"));
        itr.Tick();

        Assert.Single(itr.Requests);
        Assert.Equal(6, itr[ItrCounter.CacheMisses]);
    }

    [Fact]
    public void Receive_PositiveReply_FillsCacheAndLookupHits()
    {
        var itr = new ItrHarness();
        var request = itr.Miss("10.1.2.3").Request;
        var answered = itr.Now;

        itr.Deliver(Reply(request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100))), RemoteEtr);

        var entry = Assert.Single(itr.Itr.MapCache);
        Assert.Equal(EidPrefix.Parse("10.1.0.0/16"), entry.Prefix);
        Assert.False(entry.IsNegative);
        Assert.Equal(60u, entry.TtlMinutes);
        Assert.Equal(answered, entry.Answered);
        Assert.Equal(answered.AddMinutes(60), entry.Expires);
        Assert.Equal(RemoteEtr, entry.AnsweredBy);
        var locator = Assert.Single(entry.Locators);
        Assert.Equal(new MapCacheLocator(IPAddress.Parse("203.0.113.10"), 1, 100), locator);
        var hit = itr.Itr.Lookup(EidPrefix.Parse("10.1.77.1"));
        Assert.Equal(ItrLookupOutcome.Hit, hit.Outcome);
        Assert.Equal(IPAddress.Parse("203.0.113.10"), hit.Rloc);
        Assert.Same(entry, hit.Entry);
        Assert.Equal(1, itr[ItrCounter.RepliesAccepted]);
        Assert.Equal(1, itr[ItrCounter.CacheHits]);
        Assert.Empty(itr.Itr.PendingRequests);
    }

    [Fact]
    public void Receive_PositiveReplyForIPv6Eid_FillsCache()
    {
        var itr = new ItrHarness();
        var request = itr.Miss("2001:db8:1::7").Request;

        itr.Deliver(Reply(request.Nonce, Positive("2001:db8:1::/48", 10, ("2001:db8:aaaa::1", 1, 100))));

        var hit = itr.Itr.Lookup(EidPrefix.Parse("2001:db8:1:2::9"));
        Assert.Equal(ItrLookupOutcome.Hit, hit.Outcome);
        Assert.Equal(IPAddress.Parse("2001:db8:aaaa::1"), hit.Rloc);
    }

    [Theory]
    [InlineData(MapReplyAction.DropNoReason)]
    [InlineData(MapReplyAction.NativelyForward)]
    [InlineData(MapReplyAction.DropPolicyDenied)]
    public void Receive_NegativeReply_CachesTheActionAndLookupAnswersNegative(MapReplyAction action)
    {
        var itr = new ItrHarness();
        var request = itr.Miss("192.0.2.77").Request;

        itr.Deliver(Reply(request.Nonce, Negative("192.0.2.0/24", 15, action)), Mr1);

        var entry = Assert.Single(itr.Itr.MapCache);
        Assert.True(entry.IsNegative);
        Assert.Empty(entry.Locators);
        Assert.Equal(action, entry.Action);
        Assert.Equal(Mr1, entry.AnsweredBy);
        var answer = itr.Itr.Lookup(EidPrefix.Parse("192.0.2.5"));
        Assert.Equal(ItrLookupOutcome.Negative, answer.Outcome);
        Assert.Equal(action, answer.Action);
        Assert.Null(answer.Rloc);
        Assert.Equal(1, itr[ItrCounter.NegativeRecordsCached]);
    }

    [Fact]
    public void Receive_ReplyWithSeveralRecords_CachesEach()
    {
        var itr = new ItrHarness();
        var request = itr.Miss("10.1.2.3").Request;

        itr.Deliver(Reply(
            request.Nonce,
            Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100)),
            Positive("10.1.128.0/17", 60, ("203.0.113.20", 1, 100)),
            Negative("10.2.0.0/16", 5, MapReplyAction.DropNoReason)));

        Assert.Equal(new[] { "10.1.0.0/16", "10.1.128.0/17", "10.2.0.0/16" }, itr.Itr.MapCache.Select(e => e.Prefix.ToString()).Order().ToArray());
        Assert.Equal(IPAddress.Parse("203.0.113.20"), itr.Itr.Lookup(EidPrefix.Parse("10.1.200.1")).Rloc);
        Assert.Equal(3, itr[ItrCounter.RecordsCached]);
    }

    [Fact]
    public void Receive_ReplyWithUnknownNonce_DroppedAndCounted()
    {
        var itr = new ItrHarness();
        var request = itr.Miss("10.1.2.3").Request;

        itr.Deliver(Reply(request.Nonce ^ 1, Positive("10.1.0.0/16", 60, ("203.0.113.66", 1, 100))));

        Assert.Empty(itr.Itr.MapCache);
        Assert.Equal(1, itr[ItrCounter.UnknownNonceDropped]);
        Assert.Equal(0, itr[ItrCounter.RepliesAccepted]);
        Assert.Equal(request.Nonce, Assert.Single(itr.Itr.PendingRequests).Nonce);
    }

    [Fact]
    public void Receive_SecondReplyWithSameNonce_DroppedAsUnknown()
    {
        var itr = new ItrHarness();
        var request = itr.Miss("10.1.2.3").Request;
        itr.Deliver(Reply(request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100))));

        itr.Deliver(Reply(request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.66", 1, 100))));

        Assert.Equal(IPAddress.Parse("203.0.113.10"), Assert.Single(itr.Entry("10.1.0.0/16")!.Locators).Address);
        Assert.Equal(1, itr[ItrCounter.UnknownNonceDropped]);
    }

    [Fact]
    public async Task Receive_RecordWithTtlZero_RemovesTheEntry()
    {
        var itr = new ItrHarness();
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100)));
        var request = itr.Itr.ResolveAsync(EidPrefix.Parse("10.1.0.0/16"));
        itr.Run(TimeSpan.FromSeconds(1));

        itr.Deliver(Reply(itr.Requests[^1].Request.Nonce, Positive("10.1.0.0/16", 0, ("203.0.113.10", 1, 100))));

        Assert.Empty(itr.Itr.MapCache);
        Assert.Equal(1, itr[ItrCounter.RecordsWithdrawn]);
        Assert.Equal(ItrResolutionStatus.NotCovered, (await request).Status);
    }

    [Fact]
    public void OnTimer_NoReply_RetransmitsSameRequestWithExponentialBackoff()
    {
        var itr = new ItrHarness(o => o with { MapResolvers = [Mr1], MaxRetries = 3 });
        var start = itr.Now;
        itr.Miss("10.1.2.3");

        var sendTimes = new List<double>();
        for (var i = 0; i < 16 * 20; i++)
        {
            var before = itr.Sender.Sent.Count;
            itr.Run(TimeSpan.FromMilliseconds(50));
            if (itr.Sender.Sent.Count > before)
            {
                sendTimes.Add(Math.Round((itr.Now - start).TotalSeconds, 2));
            }
        }

        Assert.Equal(new[] { 1.0, 3.0, 7.0 }, sendTimes.ToArray());
        Assert.All(itr.Sender.Sent, s => Assert.Equal(itr.Sender.Sent[0].Payload, s.Payload));
        Assert.All(itr.Requests, r => Assert.Equal(Mr1, r.Destination));
        Assert.Equal(1, itr[ItrCounter.RequestsSent]);
        Assert.Equal(3, itr[ItrCounter.Retransmissions]);
        Assert.Equal(1, itr[ItrCounter.ResolutionsFailed]); // at 15 s: the last wait (8 s) also passed in silence
    }

    [Fact]
    public void OnTimer_FirstResolverSilent_FailsOverToSecondWhichAnswers()
    {
        var itr = new ItrHarness(); // MaxRetries 2: Mr1 at 0, 1, 3 s, then Mr2 at 7 s
        itr.Miss("10.1.2.3");

        itr.Run(TimeSpan.FromSeconds(6.9));
        Assert.All(itr.Requests, r => Assert.Equal(Mr1, r.Destination));
        Assert.Equal(3, itr.Requests.Count);
        itr.Run(TimeSpan.FromSeconds(0.1));

        var failover = itr.Requests[^1];
        Assert.Equal(Mr2, failover.Destination);
        Assert.Equal(itr.Requests[0].Request.Nonce, failover.Request.Nonce);
        Assert.Equal(1, itr[ItrCounter.Failovers]);

        itr.Deliver(Reply(failover.Request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100))));

        Assert.Equal(ItrLookupOutcome.Hit, itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3")).Outcome);
        Assert.Equal(0, itr[ItrCounter.ResolutionsFailed]);
    }

    [Fact]
    public void Lookup_AfterAFailover_NextResolutionStartsAtTheResolverThatAnswered()
    {
        var itr = new ItrHarness();
        itr.Miss("10.1.2.3");
        itr.Run(TimeSpan.FromSeconds(7));
        itr.Deliver(Reply(itr.Requests[^1].Request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100))));

        var next = itr.Miss("10.9.9.9");

        Assert.Equal(Mr2, next.Destination);
    }

    [Fact]
    public void OnTimer_AllResolversSilent_FailsCachesNothingAndHoldsTheEidDown()
    {
        var itr = new ItrHarness();
        itr.Miss("10.1.2.3");

        itr.Run(TimeSpan.FromSeconds(14));

        Assert.Equal(6, itr.Requests.Count); // 3 to each Map-Resolver
        Assert.Equal(1, itr[ItrCounter.ResolutionsFailed]);
        Assert.Empty(itr.Itr.MapCache);
        var held = Assert.Single(itr.Itr.PendingRequests);
        Assert.Equal(ItrRequestState.HeldDown, held.State);
        Assert.Equal(itr.Now.AddSeconds(30), held.NextAction);

        // Misses during the hold-down send nothing; after it, the next miss resolves again.
        Assert.Equal(ItrLookupOutcome.Miss, itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3")).Outcome);
        itr.Run(TimeSpan.FromSeconds(29));
        Assert.Equal(6, itr.Requests.Count);
        itr.Run(TimeSpan.FromSeconds(1.5));
        itr.Miss("10.1.2.3");
        Assert.Equal(7, itr.Requests.Count);
    }

    [Fact]
    public async Task ResolveAsync_ReplyArrives_CompletesWithTheEntry()
    {
        var itr = new ItrHarness();
        var task = itr.Itr.ResolveAsync(EidPrefix.Parse("10.1.2.3"));
        itr.Tick();
        Assert.False(task.IsCompleted);

        itr.Deliver(Reply(itr.Requests[0].Request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100))));

        var result = await task;
        Assert.Equal(ItrResolutionStatus.Resolved, result.Status);
        Assert.Equal(EidPrefix.Parse("10.1.2.3"), result.Eid);
        Assert.Equal(EidPrefix.Parse("10.1.0.0/16"), result.Entry!.Prefix);
    }

    [Fact]
    public async Task ResolveAsync_NegativeReply_CompletesWithTheNegativeEntry()
    {
        var itr = new ItrHarness();
        var task = itr.Itr.ResolveAsync(EidPrefix.Parse("2001:db8:9::1"));
        itr.Tick();

        itr.Deliver(Reply(itr.Requests[0].Request.Nonce, Negative("2001:db8:8::/45", 1, MapReplyAction.NativelyForward)), Mr1);

        var result = await task;
        Assert.Equal(ItrResolutionStatus.Resolved, result.Status);
        Assert.True(result.Entry!.IsNegative);
        Assert.Equal(MapReplyAction.NativelyForward, result.Entry.Action);
    }

    [Fact]
    public async Task ResolveAsync_NoResolverAnswers_CompletesWithNoAnswer()
    {
        var itr = new ItrHarness();
        var task = itr.Itr.ResolveAsync(EidPrefix.Parse("10.1.2.3"));
        itr.Tick();

        itr.Run(TimeSpan.FromSeconds(13.9));
        Assert.False(task.IsCompleted);
        itr.Run(TimeSpan.FromSeconds(0.1));

        var result = await task;
        Assert.Equal(ItrResolutionStatus.NoAnswer, result.Status);
        Assert.Null(result.Entry);
    }

    [Fact]
    public async Task ResolveAsync_WhileAMissIsBeingResolved_JoinsIt()
    {
        var itr = new ItrHarness();
        var request = itr.Miss("10.1.2.3").Request;
        var task = itr.Itr.ResolveAsync(EidPrefix.Parse("10.1.2.3"));
        itr.Tick();

        itr.Deliver(Reply(request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100))));

        Assert.Equal(ItrResolutionStatus.Resolved, (await task).Status);
        Assert.Single(itr.Requests);
    }

    [Fact]
    public async Task ResolveAsync_Cancelled_TaskCancelledAndTheResolutionGoesOn()
    {
        var itr = new ItrHarness();
        using var cancellation = new CancellationTokenSource();
        var task = itr.Itr.ResolveAsync(EidPrefix.Parse("10.1.2.3"), cancellation.Token);
        itr.Tick();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        itr.Deliver(Reply(itr.Requests[0].Request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100))));
        Assert.Single(itr.Itr.MapCache);
    }

    [Fact]
    public async Task ResolveAsync_MacEid_Rejected()
    {
        var itr = new ItrHarness();

        var result = await itr.Itr.ResolveAsync(EidPrefix.Parse("00-11-22-33-44-55/48"));

        Assert.Equal(ItrResolutionStatus.Rejected, result.Status);
        Assert.Equal(ItrLookupOutcome.Unsupported, itr.Itr.Lookup(EidPrefix.Parse("00-11-22-33-44-55/48")).Outcome);
    }

    [Fact]
    public void Lookup_PendingLimitReached_FurtherMissesCountedNotQueued()
    {
        var itr = new ItrHarness(o => o with { MaxPendingRequests = 2 });

        for (var i = 1; i <= 3; i++)
        {
            itr.Itr.Lookup(EidPrefix.Parse($"10.0.0.{i}"));
        }

        itr.Tick();

        Assert.Equal(2, itr.Requests.Count);
        Assert.Equal(1, itr[ItrCounter.PendingLimitDrops]);
    }
}
