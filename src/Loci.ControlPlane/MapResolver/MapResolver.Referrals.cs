using System.Net;
using Loci.ControlPlane.Ddt;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>Following Map-Referrals (RFC 8111 §7.3.2).</summary>
public sealed partial class MapResolver
{
    private void OnReferral(in MapReferralView referral, IPEndPoint source)
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
        if (pending.LastSentTo is not { } asked || !MapReplyDestination.Normalize(source.Address).Equals(MapReplyDestination.Normalize(asked.Address)))
        {
            Counters.Increment(MapResolverCounter.UnexpectedReferralSource);
            MapResolverLog.ReferralIgnored(_logger, source, referral.Nonce, "not from the node that was asked");
            return;
        }

        foreach (var record in referral.Records)
        {
            OnReferralRecord(pending, record, source);
            return;
        }

        // A referral that does not cover the EID answers some other question; the timer retries.
        Counters.Increment(MapResolverCounter.InvalidReferrals);
        MapResolverLog.ReferralIgnored(_logger, source, referral.Nonce, "no record, or one that does not cover the requested EID");
    }

    /// <summary>The first record decides (RFC 8111 §7.3.2).</summary>
    private void OnReferralRecord(PendingRequest pending, in ReferralRecordView record, IPEndPoint source)
    {
        if (!EidConversions.TryToPrefix(record.Eid, record.MaskLength, out var prefix) || !prefix.Contains(pending.Eid))
        {
            Counters.Increment(MapResolverCounter.InvalidReferrals);
            MapResolverLog.ReferralIgnored(_logger, source, pending.Nonce, "no record, or one that does not cover the requested EID");
            return;
        }

        MapResolverLog.ReferralReceived(_logger, record.Action, prefix, source, pending.Nonce);
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
                _metrics.Record(ResolutionOutcome.Positive, local: false, _time.GetElapsedTime(pending.StartedTimestamp));
                Release(pending);
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
                MapResolverLog.ReferralIgnored(_logger, source, pending.Nonce, "an unassigned referral action");
                break;
        }
    }

    private void OnPositiveReferral(PendingRequest pending, in ReferralRecordView record, EidPrefix prefix, DateTimeOffset now)
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
    private void OnNotAuthoritative(PendingRequest pending, in ReferralRecordView record, DateTimeOffset now)
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
    private static List<DdtReferralTarget> Order(EidRecordView.LocatorEnumerator locators)
    {
        // Off the hot path (a referral is followed once, then cached): the addresses go through the model.
        var candidates = new List<(byte Priority, byte Weight, bool Reachable, int Index, IPAddress Address)>();
        foreach (var locator in locators)
        {
            if (locator.Rloc.TryToAddress(out var rloc, out _) && EidConversions.ToIPAddress(rloc) is { } address)
            {
                candidates.Add((locator.Priority, locator.Weight, locator.Reachable, candidates.Count, address));
            }
        }

        var usable = candidates.Where(c => c.Priority != byte.MaxValue && c.Reachable).ToList();
        return (usable.Count > 0 ? usable : candidates)
            .OrderBy(c => c.Priority)
            .ThenByDescending(c => c.Weight)
            .ThenBy(c => c.Index)
            .Select(c => new DdtReferralTarget(MapReplyDestination.Normalize(c.Address), c.Priority, c.Weight))
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

        _cache.Set(entry.Prefix, new CachedReferral(entry, Endpoints(entry.Locators)));
    }

    private IPEndPoint[] Endpoints(IReadOnlyList<DdtReferralTarget> targets) =>
        targets.Select(t => new IPEndPoint(t.Address, Options.ReferralPort)).ToArray();
}
