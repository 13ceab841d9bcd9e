using System.Net;
using Loci.Prefixes;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// Per local prefix, the ITR RLOCs that asked for it recently: the ETR's list of Solicit-Map-Request
/// targets (RFC 9301 §6.1). Bounded per prefix, least recently seen forgotten first. The role thread
/// writes; readers take a snapshot under the same lock (uncontended, one per Map-Request).
/// </summary>
internal sealed class EtrRequesterTable(int maxPerPrefix)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<EidPrefix, Dictionary<IPAddress, Entry>> _byPrefix = [];

    /// <summary>Notes a request; returns false when a full table had to forget its oldest requester.</summary>
    public bool Record(EidPrefix prefix, IPAddress address, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_byPrefix.TryGetValue(prefix, out var requesters))
            {
                _byPrefix[prefix] = requesters = [];
            }

            if (requesters.TryGetValue(address, out var entry))
            {
                entry.LastRequest = now;
                entry.Requests++;
                return true;
            }

            var kept = true;
            if (requesters.Count >= maxPerPrefix)
            {
                // O(n) over at most maxPerPrefix entries, only when a new requester meets a full table.
                var oldest = requesters.MinBy(r => r.Value.LastRequest).Key;
                requesters.Remove(oldest);
                kept = false;
            }

            requesters[address] = new Entry { LastRequest = now, Requests = 1 };
            return kept;
        }
    }

    /// <summary>Requesters of <paramref name="prefix"/> seen at or after <paramref name="since"/>.</summary>
    public List<IPAddress> Recent(EidPrefix prefix, DateTimeOffset since)
    {
        lock (_gate)
        {
            return _byPrefix.TryGetValue(prefix, out var requesters)
                ? [.. requesters.Where(r => r.Value.LastRequest >= since).Select(r => r.Key)]
                : [];
        }
    }

    public void RemovePrefix(EidPrefix prefix)
    {
        lock (_gate)
        {
            _byPrefix.Remove(prefix);
        }
    }

    /// <summary>Forgets requesters last seen before <paramref name="since"/>.</summary>
    public void Sweep(DateTimeOffset since)
    {
        lock (_gate)
        {
            List<EidPrefix>? empty = null;
            foreach (var (prefix, requesters) in _byPrefix)
            {
                foreach (var address in requesters.Where(r => r.Value.LastRequest < since).Select(r => r.Key).ToList())
                {
                    requesters.Remove(address);
                }

                if (requesters.Count == 0)
                {
                    (empty ??= []).Add(prefix);
                }
            }

            foreach (var prefix in empty ?? [])
            {
                _byPrefix.Remove(prefix);
            }
        }
    }

    public List<EtrRequesterInfo> Snapshot(DateTimeOffset since)
    {
        lock (_gate)
        {
            return [.. _byPrefix
                .SelectMany(p => p.Value
                    .Where(r => r.Value.LastRequest >= since)
                    .Select(r => new EtrRequesterInfo(p.Key, r.Key, r.Value.LastRequest, r.Value.Requests)))
                .OrderBy(r => r.Prefix)
                .ThenBy(r => r.Address.ToString(), StringComparer.Ordinal)];
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset LastRequest { get; set; }

        public long Requests { get; set; }
    }
}
