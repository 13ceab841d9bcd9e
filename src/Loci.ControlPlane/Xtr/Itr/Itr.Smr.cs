using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>Solicit-Map-Requests (RFC 9301 §6.1): "your map-cache entry for my EIDs is stale, ask again".</summary>
public sealed partial class Itr
{
    /// <summary>
    /// An SMR makes the ITR refresh the map-cache entries it names with an SMR-invoked Map-Request (s
    /// bit) sent through the Map-Resolver, never to the SMR's sender: an SMR is unauthenticated, and
    /// asking the mapping system means a forged SMR can cost a Map-Request but cannot plant a mapping.
    /// The SMR itself gets no reply. Refreshes obey the one-per-second rate limit (deferred, not
    /// dropped), and an SMR for an EID the map-cache does not hold is counted and ignored.
    /// </summary>
    /// <remarks>
    /// Which field names the stale EID differs between implementations: RFC 9301 §6.1 has the ETR
    /// send the SMR for the EID-Prefix whose mapping changed, and some implementations (OpenOverlayRouter)
    /// put that prefix in the Source-EID field, with the request record naming the ITR's own site EID,
    /// while others put it in the request record. Both fields are therefore looked up, and only entries
    /// covering one of them are refreshed (entries merely inside a short SMR prefix are not, so a forged
    /// SMR for 0.0.0.0/0 cannot trigger a refresh of the whole map-cache).
    /// </remarks>
    private void OnMapRequest(MapRequest request, IPEndPoint source, DateTimeOffset now)
    {
        if (!request.SolicitMapRequest)
        {
            // Plain Map-Requests and RLOC-probes are for the ETR role, which answers for the site's EIDs.
            Counters.Increment(ItrCounter.UnsupportedDropped);
            return;
        }

        Counters.Increment(ItrCounter.SmrsReceived);
        var stale = new HashSet<EidPrefix>();
        foreach (var record in request.Records)
        {
            AddCovering(record.EidPrefix, record.MaskLength, stale, now);
        }

        if (request.SourceEid.AddressBits > 0)
        {
            AddCovering(request.SourceEid, request.SourceEid.AddressBits, stale, now);
        }

        if (stale.Count == 0)
        {
            Counters.Increment(ItrCounter.SmrsIgnored);
            if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
            {
                var named = request.Records.Select(r => r.Prefix).Append(request.SourceEid.ToString());
                ItrLog.SmrIgnored(_logger, source, string.Join(", ", named));
            }

            return;
        }

        foreach (var prefix in stale)
        {
            ItrLog.SmrAccepted(_logger, source, prefix);
            StartResolution(prefix, smrInvoked: true, waiter: null, now);
        }
    }

    private void AddCovering(LispAddress address, int maskLength, HashSet<EidPrefix> stale, DateTimeOffset now)
    {
        if (EidConversions.TryToPrefix(address, maskLength, out var eid)
            && IsIpEid(eid)
            && _cache.TryLookup(eid, out var match, out var entry)
            && entry.Expires > now)
        {
            stale.Add(match);
        }
    }
}
