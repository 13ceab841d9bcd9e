using System.Collections.Immutable;
using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>Map-Replies: nonce matching and filling the map-cache (RFC 9301 §5.4).</summary>
public sealed partial class Itr
{
    private void OnMapReply(MapReply reply, IPEndPoint source, DateTimeOffset now)
    {
        if (reply.Probe)
        {
            OnProbeReply(reply, source, now);
            return;
        }

        // RFC 9301 §5.4: a Map-Reply counts only if its nonce matches an outstanding Map-Request. The
        // answer may come from the ETR, a proxying Map-Server or the Map-Resolver, so the source
        // address cannot be checked; the 64-bit random nonce is the defence against off-path forgery.
        if (!_pendingByNonce.TryGetValue(reply.Nonce, out var pending))
        {
            Counters.Increment(ItrCounter.UnknownNonceDropped);
            ItrLog.UnknownNonce(_logger, source, reply.Nonce);
            return;
        }

        Remove(pending);
        Counters.Increment(ItrCounter.RepliesAccepted);
        NoteAnsweringResolver(pending);
        CacheRecords(reply, source, pending, now);
        ReleaseInFlight(pending.Eid);

        var result = _cache.TryLookup(pending.Eid, out var entry)
            ? new ItrResolution(pending.Eid, ItrResolutionStatus.Resolved, entry)
            : new ItrResolution(pending.Eid, ItrResolutionStatus.NotCovered, null);
        pending.Complete(result);
    }

    /// <summary>
    /// New resolutions start at the Map-Resolver that last got an answer, so a dead first Map-Resolver
    /// costs the failover delay once rather than on every miss. (The answer itself comes from an ETR or
    /// Map-Server, so "answered" means the resolution succeeded through the Map-Resolver last sent to.)
    /// </summary>
    private void NoteAnsweringResolver(ItrPendingRequest pending)
    {
        if (pending.LastResolver is null)
        {
            return;
        }

        if (_mappingSystemSilent)
        {
            _mappingSystemSilent = false;
            ItrLog.MappingSystemAnswering(_logger, pending.Eid, pending.LastResolver);
        }

        if (pending.LastResolverIndex != _preferredResolver)
        {
            _preferredResolver = pending.LastResolverIndex;
            ItrLog.PreferredResolver(_logger, pending.LastResolver);
        }
    }

    /// <summary>
    /// Caches every record of the reply (a Map-Server may answer with several, e.g. the requested
    /// prefix and its more-specifics), published as one map-cache change. TTL 0 removes the prefix
    /// (RFC 9301 §5.4); a prefix's existing entry is replaced, keeping its last-use time and what
    /// probing learned about locators it still lists. Records that do not overlap the requested EID
    /// are cached too: the nonce proves the reply answers this ITR's request, not that its sender is
    /// authoritative for every prefix it lists; only LISP-SEC (RFC 9303, not implemented) would.
    /// </summary>
    private void CacheRecords(MapReply reply, IPEndPoint source, ItrPendingRequest pending, DateTimeOffset now)
    {
        var requestedAt = _lastRequested.TryGetValue(pending.Eid, out var sent) ? sent : now;
        List<MapCacheEntry>? installed = null;
        _cache.Update(writer =>
        {
            foreach (var record in reply.Records)
            {
                if (!EidConversions.TryToPrefix(record.EidPrefix, record.MaskLength, out var prefix) || !IsIpEid(prefix))
                {
                    Reject(record, "not an IPv4/IPv6 EID prefix");
                    continue;
                }

                if (record.Ttl == 0)
                {
                    writer.Remove(prefix);
                    Counters.Increment(ItrCounter.RecordsWithdrawn);
                    continue;
                }

                writer.TryGetValue(prefix, out var existing);
                if (existing is null && writer.Count >= Options.MaxCacheEntries)
                {
                    Reject(record, "map-cache full");
                    continue;
                }

                var ttl = TimeSpan.FromMinutes(record.Ttl);
                var entry = new MapCacheEntry(
                    prefix,
                    record.IsNegative ? [] : BuildLocators(record, existing),
                    record.IsNegative,
                    record.Action,
                    record.Ttl,
                    now,
                    now + (ttl < Options.MaxTtl ? ttl : Options.MaxTtl),
                    source,
                    record.Authoritative,
                    record.MapVersion,
                    existing?.Activity ?? new EntryActivity(now));
                writer.Set(prefix, entry);
                (installed ??= []).Add(entry);
            }
        });

        foreach (var entry in installed ?? [])
        {
            Counters.Increment(ItrCounter.RecordsCached);
            if (entry.IsNegative)
            {
                Counters.Increment(ItrCounter.NegativeRecordsCached);
            }

            // The prefix was asked for when the request left: an SMR for it within the second is rate-limited too.
            _lastRequested[entry.Prefix] = requestedAt;
            ScheduleProbing(entry, now);
            if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
            {
                ItrLog.Cached(_logger, entry.Prefix, entry, source);
            }
        }

        void Reject(EidRecord record, string reason)
        {
            Counters.Increment(ItrCounter.RecordsRejected);
            if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
            {
                ItrLog.RecordRejected(_logger, source, reply.Nonce, record.Prefix, reason);
            }
        }
    }

    /// <summary>
    /// The usable locators of a record: IPv4/IPv6 RLOCs (LCAF locators such as explicit paths are not
    /// something this ITR can encapsulate to, and are skipped and counted). A locator starts up or down
    /// as the reply's R bit says; one the previous entry listed keeps what probing observed, since a
    /// probe is this ITR's own measurement and the R bit only the answering site's belief.
    /// </summary>
    private ImmutableArray<MapCacheLocator> BuildLocators(EidRecord record, MapCacheEntry? existing)
    {
        var builder = ImmutableArray.CreateBuilder<MapCacheLocator>(record.Locators.Count);
        foreach (var locator in record.Locators)
        {
            if (locator.Rloc is not InetAddress inet)
            {
                Counters.Increment(ItrCounter.LocatorsSkipped);
                continue;
            }

            var address = inet.Ip.IsIPv4MappedToIPv6 ? inet.Ip.MapToIPv4() : inet.Ip;
            var previous = existing?.Locators.FirstOrDefault(l => l.Address.Equals(address));
            var probed = previous is not null && (previous.LastProbeAnswer is not null || previous.ConsecutiveProbeMisses > 0);
            builder.Add(new MapCacheLocator(address, locator.Priority, locator.Weight)
            {
                IsUp = probed ? previous!.IsUp : locator.Reachable,
                LastRtt = previous?.LastRtt,
                LastProbeAnswer = previous?.LastProbeAnswer,
                ConsecutiveProbeMisses = probed ? previous!.ConsecutiveProbeMisses : 0,
            });
        }

        return builder.DrainToImmutable();
    }
}
