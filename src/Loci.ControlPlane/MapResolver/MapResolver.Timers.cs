using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>Sending, retransmission, giving up and negative answers (RFC 8111 §7.3.1, §7.3.2).</summary>
public sealed partial class MapResolver
{
    /// <summary>How often expired referral-cache entries are swept (lookups also drop them lazily).</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Retransmits DDT Map-Requests that met silence: again to the same locator until
    /// <see cref="MapResolverOptions.AttemptsPerLocator"/> sends, then to the next locator of the
    /// referral set; when the set is exhausted the ITR gets a negative Map-Reply (RFC 8111 §7.3.1).
    /// </summary>
    public void OnTimer()
    {
        lock (_gate)
        {
            ReportWarnings();
            var now = _time.GetUtcNow();
            var due = _due;
            due.Clear();
            foreach (var pending in _pending.Values)
            {
                if (pending.Deadline <= now)
                {
                    due.Add(pending);
                }
            }

            foreach (var pending in due)
            {
                if (pending.Attempts < Options.AttemptsPerLocator)
                {
                    SendCurrent(pending, now);
                    continue;
                }

                Counters.Increment(MapResolverCounter.LocatorTimeouts);
                if (pending.Current is { } silent)
                {
                    MapResolverLog.LocatorTimedOut(_logger, silent, pending.Eid, pending.Attempts);
                }

                pending.LocatorIndex++;
                pending.Attempts = 0;
                SendCurrent(pending, now);
            }

            due.Clear();
            if (now >= _nextSweep)
            {
                _nextSweep = now + SweepInterval;
                var expired = _cache.Current.Entries.Where(e => e.Value.Entry.Expires <= now).Select(e => e.Key).ToList();
                foreach (var prefix in expired)
                {
                    _cache.Remove(prefix);
                    Counters.Increment(MapResolverCounter.CacheEntriesExpired);
                }
            }
        }
    }

    /// <summary>Sends the DDT Map-Request to the current locator, or gives up when the referral set is exhausted.</summary>
    private void SendCurrent(PendingRequest pending, DateTimeOffset now)
    {
        if (pending.Current is not { } target)
        {
            Counters.Increment(MapResolverCounter.GaveUpNoAnswer);
            GiveUp(pending, now, "no referral locator answered");
            return;
        }

        if (pending.Attempts == 0 && !pending.MarkVisited(target.Address))
        {
            // The same node asked twice at the same level: the referrals go round in a circle.
            Counters.Increment(MapResolverCounter.LoopsDetected);
            GiveUp(pending, now, "the same node referred to twice at one level (loop)");
            return;
        }

        _sender.Send(target, pending.DdtPayload);
        MapResolverLog.DdtRequestSent(_logger, pending.Eid, target, pending.Nonce, pending.Attempts + 1);
        Counters.Increment(pending.Attempts == 0 ? MapResolverCounter.DdtRequestsSent : MapResolverCounter.Retransmissions);
        pending.Attempts++;
        pending.LastSentTo = target;
        pending.Deadline = now + Options.RetransmitTimeout;
    }

    /// <summary>
    /// Resolution failed (no answer, a loop, too many referrals): a short-lived negative answer for the
    /// requested EID. Debug per request; the Warning is aggregated (<see cref="WarningInterval"/>).
    /// </summary>
    private void GiveUp(PendingRequest pending, DateTimeOffset now, string reason)
    {
        MapResolverLog.GaveUp(_logger, pending.Eid, pending.Itr, reason);
        _lastGaveUp = (pending.Eid, pending.Itr, reason, pending.LastSentTo);
        if (_gaveUpReports.TryReport(out var failures))
        {
            MapResolverLog.GaveUpSummary(_logger, failures, pending.Eid, pending.Itr, reason, pending.LastSentTo);
        }

        Conclude(pending, pending.Eid, Options.FailureTtlMinutes, ReferralCacheKind.ResolutionFailure, null, now, ResolutionOutcome.Failed);
    }

    /// <summary>Ends a walk with a negative Map-Reply to the ITR and, for a non-zero TTL, a negative-cache entry that answers later requests locally.</summary>
    private void Conclude(PendingRequest pending, EidPrefix prefix, uint ttlMinutes, ReferralCacheKind kind, IPAddress? source, DateTimeOffset now, ResolutionOutcome outcome = ResolutionOutcome.Negative)
    {
        SendNegative(pending.Itr, pending.Nonce, prefix, ttlMinutes);
        _metrics.Record(outcome, local: false, _time.GetElapsedTime(pending.StartedTimestamp));
        if (ttlMinutes > 0)
        {
            Cache(new ReferralCacheEntry(prefix, kind, [], source, now, now.AddMinutes(ttlMinutes)));
        }

        Release(pending);
    }

    /// <summary>Writes the aggregated warnings whose interval has passed, so the count of a burst that stopped is not held back.</summary>
    private void ReportWarnings()
    {
        if (_gaveUpReports.TryFlush(out var failures))
        {
            var (eid, itr, reason, lastAsked) = _lastGaveUp;
            MapResolverLog.GaveUpSummary(_logger, failures, eid, itr, reason, lastAsked);
        }

        if (_pendingFullReports.TryFlush(out var dropped))
        {
            MapResolverLog.PendingListFull(_logger, Options.MaxPendingRequests, dropped);
        }

        if (_cacheFullReports.TryFlush(out var skipped))
        {
            MapResolverLog.ReferralCacheFull(_logger, Options.MaxReferralCacheEntries, skipped);
        }
    }

    /// <summary>A negative Map-Reply (RFC 9301 §5.4: no locators, ACT set) carrying the ITR's nonce.</summary>
    private void SendNegative(IPEndPoint itr, ulong nonce, EidPrefix prefix, uint ttlMinutes)
    {
        var (address, mask) = EidConversions.ToWire(prefix);
        var record = new EidRecord(address, mask, ttlMinutes, [], Options.NegativeAction, authoritative: false);
        var reply = new MapReply(nonce, new[] { record });
        var length = reply.WriteTo(_buffer);
        _sender.Send(itr, _buffer.AsSpan(0, length));
        Counters.Increment(MapResolverCounter.NegativeRepliesSent);
        MapResolverLog.NegativeReplySent(_logger, prefix, ttlMinutes, itr);
    }
}
