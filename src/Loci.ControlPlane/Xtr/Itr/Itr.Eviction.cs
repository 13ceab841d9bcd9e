using Loci.Prefixes;

namespace Loci.ControlPlane.Xtr;

/// <summary>Map-cache expiry: TTL (RFC 9301 §5.4) and inactivity (seed 004: 3 minutes), plus the housekeeping of the rate limit and hold-downs.</summary>
public sealed partial class Itr
{
    /// <summary>
    /// Evicts entries whose TTL ran out or that no lookup used for <see cref="ItrOptions.IdleTimeout"/>,
    /// as one map-cache change. Lookups already treat an expired entry as a miss, so the sweep's period
    /// only bounds memory, not correctness. The idle rule is the seed's: an entry in use stays as long
    /// as its TTL allows, one nobody uses frees its slot after the timeout.
    /// </summary>
    private void Sweep(DateTimeOffset now)
    {
        List<(EidPrefix Prefix, bool Idle)>? evict = null;
        foreach (var (prefix, entry) in _cache.Current.Entries)
        {
            if (entry.Expires <= now)
            {
                (evict ??= []).Add((prefix, false));
            }
            else if (entry.LastUsed + Options.IdleTimeout <= now)
            {
                (evict ??= []).Add((prefix, true));
            }
        }

        if (evict is not null)
        {
            _cache.Update(writer =>
            {
                foreach (var (prefix, _) in evict)
                {
                    writer.Remove(prefix);
                }
            });
            foreach (var (prefix, idle) in evict)
            {
                Counters.Increment(idle ? ItrCounter.EvictedIdle : ItrCounter.EvictedTtl);
                ItrLog.Evicted(_logger, prefix, idle ? "idle" : "TTL expired");
            }
        }

        ForgetOldRequests(now);
        LiftHoldDowns(now);
    }

    /// <summary>The rate limit only needs to remember the last second.</summary>
    private void ForgetOldRequests(DateTimeOffset now)
    {
        List<EidPrefix>? old = null;
        foreach (var (eid, sent) in _lastRequested)
        {
            if (now - sent >= Options.MinRequestInterval)
            {
                (old ??= []).Add(eid);
            }
        }

        foreach (var eid in old ?? [])
        {
            _lastRequested.Remove(eid);
        }
    }

    private void LiftHoldDowns(DateTimeOffset now)
    {
        List<EidPrefix>? lifted = null;
        foreach (var (eid, until) in _heldDown)
        {
            if (until <= now)
            {
                (lifted ??= []).Add(eid);
            }
        }

        foreach (var eid in lifted ?? [])
        {
            _heldDown.Remove(eid);
            ReleaseInFlight(eid);
        }
    }
}
