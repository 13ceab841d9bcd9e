using System.Net;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.MapResolvers;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Tests.Xtr;

/// <summary>
/// Issue 5: two xTR sites over the real mapping system on loopback (<see cref="TwoSiteNetwork"/>).
/// Site A's ITR resolves an EID of site B through the Map-Resolver, which walks DDT to the
/// Map-Server, which forwards the request to B's ETR (B registers without proxy-reply), which
/// answers A directly and remembers A's ITR as a requester. Then B's mapping moves to B's other
/// RLOC: B re-registers and sends A a Solicit-Map-Request (RFC 9301 §6.1), A's ITR asks again with
/// an SMR-invoked Map-Request through the mapping system, and A's map-cache holds the new locator.
/// Each case builds its own network (ephemeral port), so every counter starts at zero.
/// </summary>
public sealed class TwoSiteSmrTests
{
    [Theory]
    [InlineData("10.62.0.0/16", "10.62.1.7")]
    [InlineData("2001:db8:62::/48", "2001:db8:62:1::7")]
    public async Task SiteBMapping_MovesToOtherRloc_SiteAItrCachesNewLocatorThroughOneSmrInvokedRequest(string sitePrefix, string eid)
    {
        var prefix = EidPrefix.Parse(sitePrefix);
        using var network = new TwoSiteNetwork();
        var (a, b) = (network.SiteA, network.SiteB);
        await network.WaitForRegistrations();

        // The first resolution: the ETR's own answer (authoritative, from B's xTR, B's locator) after a DDT walk.
        var first = await XtrAssert.Within(a.Itr.ResolveAsync(EidPrefix.FromIPAddress(IPAddress.Parse(eid))), network.Describe);
        var resolvedAt = DateTimeOffset.UtcNow;
        Assert.True(first.Status == ItrResolutionStatus.Resolved, $"{first.Status}:{Environment.NewLine}{network.Describe()}");
        var before = AssertEntry(first.Entry, prefix, TwoSiteNetwork.SiteBRloc, b);
        Assert.Same(before, a.CacheEntry(prefix));

        // RFC 9301 §6.1: the ETR keeps the ITR that asked (the ITR-RLOC it answered) as an SMR target.
        var requester = Assert.Single(b.Etr.GetRequesters());
        Assert.Equal(prefix, requester.Prefix);
        Assert.Equal(TwoSiteNetwork.SiteARloc, requester.Address);

        // The Map-Resolver's MS-ACK arrives after the ITR has its answer.
        Assert.True(await XtrAssert.Eventually(() => network.Resolver.Counters[MapResolverCounter.MsAcks] == 1), network.Describe());
        XtrAssert.Counters<MapResolverCounter>(
            "map-resolver",
            c => network.Resolver.Counters[c],
            (MapResolverCounter.RequestsReceived, 1),
            (MapResolverCounter.RootWalks, 1),
            (MapResolverCounter.NodeReferrals, 1),
            (MapResolverCounter.MsReferrals, 1),
            (MapResolverCounter.MsAcks, 1),
            (MapResolverCounter.ReferralCacheHits, 0),
            (MapResolverCounter.NegativeRepliesSent, 0));
        XtrAssert.Counters<DdtNodeCounter>("ddt-root", c => network.Root.Counters[c], (DdtNodeCounter.DatagramsReceived, 1), (DdtNodeCounter.NodeReferrals, 1));
        XtrAssert.Counters<DdtNodeCounter>("ddt-node", c => network.DdtNode.Counters[c], (DdtNodeCounter.DatagramsReceived, 1), (DdtNodeCounter.MsReferrals, 1));
        XtrAssert.Counters("map-server", network.MapServer.Counters.ToDictionary(), ("requests_forwarded", 1), ("replies_positive", 0), ("replies_negative", 0));
        XtrAssert.Counters("xtr-b etr", b.Etr.Counters.ToDictionary(), ("requests_answered", 1), ("smrs_sent", 0));

        // RFC 9301 §5.3 allows the ITR one Map-Request per EID-prefix per second, counted from the first
        // one; past that second, the SMR-invoked request leaves the moment the SMR arrives.
        var rateLimitOver = resolvedAt + a.Itr.Options.MinRequestInterval + TimeSpan.FromMilliseconds(50);
        if (rateLimitOver > DateTimeOffset.UtcNow)
        {
            await Task.Delay(rateLimitOver - DateTimeOffset.UtcNow);
        }

        // The move: B's mapping now lists its other RLOC only.
        b.Etr.UpdateMapping(prefix, TwoSiteNetwork.Locators(TwoSiteNetwork.SiteBNewRloc));

        Assert.True(
            await XtrAssert.Eventually(() => a.CacheEntry(prefix) is { } entry && entry.Locators.Any(l => l.Address.Equals(TwoSiteNetwork.SiteBNewRloc))),
            $"A's map-cache never held {TwoSiteNetwork.SiteBNewRloc} for {prefix}:{Environment.NewLine}{network.Describe()}");
        var after = AssertEntry(a.CacheEntry(prefix), prefix, TwoSiteNetwork.SiteBNewRloc, b);
        Assert.True(after.Answered > before.Answered);

        // Through exactly one SMR and one SMR-invoked resolution: B sent one SMR and A answered it; A
        // received it, sent one SMR-invoked Map-Request at once (no rate-limit deferral) and accepted
        // two replies in all. No TTL expiry, no request of A's own: the only requests are the first
        // resolution and the SMR-invoked one.
        XtrAssert.Counters(
            "xtr-b etr",
            b.Etr.Counters.ToDictionary(),
            ("mapping_changes_applied", 1),
            ("smrs_sent", 1),
            ("smrs_answered", 1),
            ("smrs_given_up", 0),
            ("requests_answered", 2),
            ("requests_not_ours", 0));
        XtrAssert.Counters<ItrCounter>(
            "xtr-a itr",
            c => a.Itr.Counters[c],
            (ItrCounter.SmrsReceived, 1),
            (ItrCounter.SmrsIgnored, 0),
            (ItrCounter.SmrInvokedSent, 1),
            (ItrCounter.RequestsSent, 2),
            (ItrCounter.DeferredByRateLimit, 0),
            (ItrCounter.RepliesAccepted, 2),
            (ItrCounter.RecordsCached, 2),
            (ItrCounter.EvictedTtl, 0),
            (ItrCounter.EvictedIdle, 0),
            (ItrCounter.ResolutionsFailed, 0),
            (ItrCounter.ProbesSent, 0));

        // The SMR reached A's ITR half, not its ETR half (TunnelRouter routes on the S bit).
        XtrAssert.Counters("xtr-a etr", a.Etr.Counters.ToDictionary(), ("smrs_ignored", 0), ("requests_received", 0));

        // The SMR-invoked request went through the mapping system: the cached MS-REFERRAL sent the
        // Map-Resolver straight to the Map-Server, which forwarded it to B again.
        Assert.True(await XtrAssert.Eventually(() => network.Resolver.Counters[MapResolverCounter.MsAcks] == 2), network.Describe());
        XtrAssert.Counters<MapResolverCounter>(
            "map-resolver",
            c => network.Resolver.Counters[c],
            (MapResolverCounter.RequestsReceived, 2),
            (MapResolverCounter.RootWalks, 1),
            (MapResolverCounter.ReferralCacheHits, 1),
            (MapResolverCounter.MsAcks, 2));
        XtrAssert.Counters("map-server", network.MapServer.Counters.ToDictionary(), ("requests_forwarded", 2), ("replies_positive", 0));

        // B re-registered the new mapping at once (RFC 9301 §8.2), under its xTR-ID, and the Map-Server confirmed it.
        Assert.True(
            await XtrAssert.Eventually(() => b.Etr.Counters.NotifiesVerified == 2 && b.Etr.AllRegistered),
            $"B's new mapping was not confirmed:{Environment.NewLine}{network.Describe()}");
        var registration = Assert.Single(network.MapServer.GetRegistrations(), r => r.Prefix == prefix);
        Assert.Equal(TwoSiteNetwork.SiteBXtrId, registration.XtrId);
        Assert.Equal(TwoSiteNetwork.Locators(TwoSiteNetwork.SiteBNewRloc), registration.Locators);
        Assert.False(registration.ProxyReply);
        network.AssertNoRoleErrors();
    }

    /// <summary>
    /// A positive map-cache entry for <paramref name="prefix"/> with the one locator <paramref name="rloc"/>
    /// (priority 1, weight 100), installed by the ETR's own Map-Reply: authoritative (RFC 9301 §5.4, a
    /// proxying Map-Server clears A), sent from B's xTR, with the ETR's Record TTL.
    /// </summary>
    private static MapCacheEntry AssertEntry(MapCacheEntry? entry, EidPrefix prefix, IPAddress rloc, XtrSite b)
    {
        Assert.NotNull(entry);
        Assert.Equal(prefix, entry.Prefix);
        Assert.False(entry.IsNegative);
        Assert.Equal(MapReplyAction.NoAction, entry.Action);
        Assert.True(entry.Authoritative);
        Assert.Equal(b.SendingEndpoint, entry.AnsweredBy);
        Assert.Equal(EtrPrefixOptions.DefaultTtlMinutes, entry.TtlMinutes);
        var locator = Assert.Single(entry.Locators);
        Assert.Equal(new MapCacheLocator(rloc, 1, 100), locator);
        return entry;
    }
}
