using System.Net;
using Loci.ControlPlane.Ddt;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>Following Map-Referrals (RFC 8111 §7.3.2).</summary>
public sealed partial class MapResolver
{
    private void OnReferral(MapReferral referral, IPEndPoint source)
    {
        Counters.Increment(MapResolverCounter.MapReferralsReceived);
        if (!_pending.TryGetValue(referral.Nonce, out var pending))
        {
            // Late (after a retransmission was answered) or forged: nothing waits for it.
            Counters.Increment(MapResolverCounter.UnmatchedReferrals);
            MapResolverLog.ReferralIgnored(_logger, source, referral.Nonce, "no request waits for this nonce");
            return;
        }

        // Only the node that was asked may steer the walk: a guessed nonce from elsewhere is dropped.
        if (pending.LastSentTo is not { } asked || !Normalize(source.Address).Equals(Normalize(asked.Address)))
        {
            Counters.Increment(MapResolverCounter.UnexpectedReferralSource);
            MapResolverLog.ReferralIgnored(_logger, source, referral.Nonce, "not from the node that was asked");
            return;
        }

        if (referral.Records.Count == 0
            || !EidConversions.TryToPrefix(referral.Records[0].EidPrefix, referral.Records[0].MaskLength, out var prefix)
            || !prefix.Contains(pending.Eid))
        {
            // A referral that does not cover the EID answers some other question; the timer retries.
            Counters.Increment(MapResolverCounter.InvalidReferrals);
            MapResolverLog.ReferralIgnored(_logger, source, referral.Nonce, "no record, or one that does not cover the requested EID");
            return;
        }

        var record = referral.Records[0];
        MapResolverLog.ReferralReceived(_logger, record.Action, prefix, source, referral.Nonce);
        var now = _time.GetUtcNow();
        switch (record.Action)
        {
            case ReferralAction.NodeReferral:
            case ReferralAction.MsReferral:
                OnPositiveReferral(pending, record, prefix, now);
                break;

            case ReferralAction.MsAck:
                // RFC 8111 §7.3.2: the Map-Server forwarded the request to the ETR (or answered by proxy);
                // the Map-Reply goes to the ITR directly.
                Counters.Increment(MapResolverCounter.MsAcks);
                _pending.Remove(pending.Nonce);
                _metrics.Record(ResolutionOutcome.Positive, local: false, _time.GetElapsedTime(pending.StartedTimestamp));
                break;

            case ReferralAction.MsNotRegistered:
                Counters.Increment(MapResolverCounter.MsNotRegistered);

                // Another Map-Server of the same referral set may hold the registration: ask it before
                // concluding (RFC 8111 §7.3.2).
                if (pending.AskingMapServers && pending.LocatorIndex + 1 < pending.Locators.Count)
                {
                    pending.LocatorIndex++;
                    pending.Attempts = 0;
                    SendCurrent(pending, now);
                    break;
                }

                Conclude(pending, prefix, record.Ttl, ReferralCacheKind.MsNotRegistered, source.Address, now);
                break;

            case ReferralAction.DelegationHole:
                // RFC 8111 §7.3.2: negative Map-Reply for the hole's prefix with the referral's TTL (15 minutes by default).
                Counters.Increment(MapResolverCounter.DelegationHoles);
                Conclude(pending, prefix, record.Ttl, ReferralCacheKind.DelegationHole, source.Address, now);
                break;

            case ReferralAction.NotAuthoritative:
                OnNotAuthoritative(pending, record, now);
                break;

            default:
                Counters.Increment(MapResolverCounter.InvalidReferrals);
                MapResolverLog.ReferralIgnored(_logger, source, referral.Nonce, "an unassigned referral action");
                break;
        }
    }

    private void OnPositiveReferral(PendingRequest pending, ReferralRecord record, EidPrefix prefix, DateTimeOffset now)
    {
        var toMapServers = record.Action == ReferralAction.MsReferral;
        Counters.Increment(toMapServers ? MapResolverCounter.MsReferrals : MapResolverCounter.NodeReferrals);

        // RFC 8111 §7.3.2: each referral must be more specific than the one that led to it; one that
        // is not would send the walk round in a circle.
        if (pending.Level is { } level && !(level.Contains(prefix) && prefix.Length > level.Length))
        {
            Counters.Increment(MapResolverCounter.LoopsDetected);
            GiveUp(pending, now, "a referral no more specific than the one before it (loop)");
            return;
        }

        var targets = Order(record.Referrals);
        if (targets.Count == 0)
        {
            Counters.Increment(MapResolverCounter.InvalidReferrals);
            GiveUp(pending, now, "a referral without usable locators");
            return;
        }

        if (++pending.ReferralsFollowed > Options.MaxReferrals)
        {
            Counters.Increment(MapResolverCounter.MaxReferralsExceeded);
            GiveUp(pending, now, "too many referrals");
            return;
        }

        // The I bit says the referral set is not complete: follow it, but do not cache it (RFC 8111 §6.4).
        if (!record.Incomplete && record.Ttl > 0)
        {
            var kind = toMapServers ? ReferralCacheKind.MsReferral : ReferralCacheKind.NodeReferral;
            Cache(new ReferralCacheEntry(prefix, kind, targets, pending.LastSentTo?.Address, now, now.AddMinutes(record.Ttl)));
        }

        pending.Follow(Endpoints(targets), prefix, toMapServers);
        SendCurrent(pending, now);
    }

    /// <summary>
    /// NOT-AUTHORITATIVE (RFC 8111 §7.3.2): the node asked does not hold the EID. When the walk started
    /// from a cached referral, that entry is stale: drop it and start again from a root, once. When a
    /// root walk ends here, the EID is not in the DDT tree: a negative Map-Reply with the referral's
    /// TTL (0 by default: not to be cached) for the requested EID only.
    /// </summary>
    private void OnNotAuthoritative(PendingRequest pending, ReferralRecord record, DateTimeOffset now)
    {
        Counters.Increment(MapResolverCounter.NotAuthoritative);
        if (!pending.TriedRoot)
        {
            if (pending.StartedFromCache is { } stale)
            {
                _cache.Remove(stale);
            }

            if (++pending.ReferralsFollowed > Options.MaxReferrals)
            {
                Counters.Increment(MapResolverCounter.MaxReferralsExceeded);
                GiveUp(pending, now, "too many referrals");
                return;
            }

            Counters.Increment(MapResolverCounter.RootWalks);
            pending.StartAtRoots(Options.DdtRoots);
            SendCurrent(pending, now);
            return;
        }

        Conclude(pending, pending.Eid, record.Ttl, ReferralCacheKind.ResolutionFailure, pending.LastSentTo?.Address, now);
    }

    /// <summary>Referral locators in preference order: usable (priority below 255, R bit) first, lower priority, then higher weight (RFC 8111 §6.4, RFC 9301 §5.4).</summary>
    private static List<DdtReferralTarget> Order(EquatableArray<LocatorRecord> locators)
    {
        var candidates = locators
            .Select((locator, index) => (Locator: locator, Index: index, Address: EidConversions.ToIPAddress(locator.Rloc)))
            .Where(c => c.Address is not null)
            .ToList();
        var usable = candidates.Where(c => c.Locator.Priority != byte.MaxValue && c.Locator.Reachable).ToList();
        return (usable.Count > 0 ? usable : candidates)
            .OrderBy(c => c.Locator.Priority)
            .ThenByDescending(c => c.Locator.Weight)
            .ThenBy(c => c.Index)
            .Select(c => new DdtReferralTarget(Normalize(c.Address!), c.Locator.Priority, c.Locator.Weight))
            .ToList();
    }

    private void Cache(ReferralCacheEntry entry)
    {
        if (!_cache.ContainsPrefix(entry.Prefix) && _cache.Count >= Options.MaxReferralCacheEntries)
        {
            Counters.Increment(MapResolverCounter.ReferralCacheFull);
            if (_cacheFullReports.TryReport(out var skipped))
            {
                MapResolverLog.ReferralCacheFull(_logger, Options.MaxReferralCacheEntries, skipped);
            }

            return;
        }

        _cache.Set(entry.Prefix, entry);
    }
}
