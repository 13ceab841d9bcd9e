using System.Net;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>An ITR's Map-Request: answered from the negative cache, forwarded, or the start of a DDT walk (RFC 8111 §7.3.1, RFC 9301 §8.4).</summary>
public sealed partial class MapResolver
{
    /// <summary>
    /// A native Map-Request has no inner headers; build them as an ITR would (RFC 9301 §5.8): from the
    /// requester to the EID, or to this resolver's own address when the families differ. The ECM then
    /// takes the same path as one an ITR sent.
    /// </summary>
    private void OnNativeRequest(MapRequest request, IPEndPoint source, IPEndPoint local)
    {
        var requester = MapReplyDestination.Normalize(source.Address);
        var destination = request.Records.Count > 0 && EidConversions.ToIPAddress(request.Records[0].EidPrefix) is { } eid && eid.AddressFamily == requester.AddressFamily
            ? eid
            : MapReplyDestination.Normalize(local.Address);
        if (destination.AddressFamily != requester.AddressFamily)
        {
            Counters.Increment(MapResolverCounter.Unsupported);
            MapResolverLog.Unsupported(_logger, MessageType.MapRequest, source, "a native Map-Request across address families");
            return;
        }

        var encapsulated = new EncapsulatedControlMessage(requester, destination, (ushort)source.Port, LispPorts.ControlPlane, request);
        if (encapsulated.EncodedLength > _nativeEcm.Length)
        {
            Counters.Increment(MapResolverCounter.Unsupported);
            MapResolverLog.Unsupported(_logger, MessageType.MapRequest, source, "a native Map-Request too large to encapsulate");
            return;
        }

        var length = encapsulated.WriteTo(_nativeEcm);
        var ecmBytes = _nativeEcm.AsSpan(0, length);
        if (EcmView.TryParse(ecmBytes, out var ecm, out var error) && MapRequestView.TryParse(ecm.Inner, out var view, out error))
        {
            OnRequest(ecmBytes, ecm, view, source);
            return;
        }

        // The model encoded what it parsed; the views read what the model reads. Not reached.
        throw new InvalidOperationException($"A native Map-Request re-encoded as an ECM does not parse: {error}");
    }

    /// <param name="ecmBytes">The whole ECM around <paramref name="request"/>, passed on unchanged but for its flags.</param>
    private void OnRequest(ReadOnlySpan<byte> ecmBytes, in EcmView ecm, in MapRequestView request, IPEndPoint source)
    {
        Counters.Increment(MapResolverCounter.RequestsReceived);
        var started = _time.GetTimestamp();

        // RFC 9301 §5.2: one record is sent, more are accepted; the first one is resolved.
        if (!TryFirstEid(request, out var eid))
        {
            Counters.Increment(MapResolverCounter.Unsupported);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                MapResolverLog.Unsupported(_logger, MessageType.MapRequest, source, "no record, or an EID that is not an IPv4 or IPv6 prefix");
            }

            return;
        }

        var nonce = request.Nonce;
        var itr = MapReplyDestination.For(request, encapsulated: true, ecm, source, _itrEndpoints);
        MapResolverLog.RequestReceived(_logger, eid, itr, nonce);
        if (Options.Mode == MapResolverMode.MapServerList)
        {
            ForwardToMapServer(ecmBytes, nonce, eid, itr, started);
            return;
        }

        if (_pending.ContainsKey(nonce))
        {
            // The ITR retransmitted (or another requester reused the nonce): the walk under way answers it.
            Counters.Increment(MapResolverCounter.DuplicateRequests);
            return;
        }

        var now = _time.GetUtcNow();
        var cached = TryLookupCache(eid, now, out var match, out var entry);
        if (cached && entry!.Entry.IsNegative)
        {
            Counters.Increment(MapResolverCounter.NegativeCacheHits);
            SendNegative(itr, nonce, entry.Entry.Prefix, RemainingMinutes(entry.Entry, now));
            _metrics.Record(ResolutionOutcome.Negative, local: true, _time.GetElapsedTime(started));
            return;
        }

        if (_pending.Count >= Options.MaxPendingRequests)
        {
            Counters.Increment(MapResolverCounter.PendingLimitDrops);
            if (_pendingFullReports.TryReport(out var dropped))
            {
                MapResolverLog.PendingListFull(_logger, Options.MaxPendingRequests, dropped);
            }

            return;
        }

        var pending = _freePending.TryPop(out var free) ? free : new PendingRequest();
        pending.Begin(nonce, eid, itr, ecmBytes, now, started);
        if (cached)
        {
            Counters.Increment(MapResolverCounter.ReferralCacheHits);
            pending.StartAtCache(match, entry!.Endpoints, entry.Entry.Kind == ReferralCacheKind.MsReferral);
        }
        else
        {
            Counters.Increment(MapResolverCounter.RootWalks);
            pending.StartAtRoots(Options.DdtRoots);
        }

        _pending.Add(nonce, pending);
        SendCurrent(pending, now);
    }

    /// <summary>Map-server-list mode (RFC 9301 §8.4): the ECM goes on to a Map-Server with the M bit; the Map-Server or the ETR answers the ITR.</summary>
    private void ForwardToMapServer(ReadOnlySpan<byte> ecmBytes, ulong nonce, EidPrefix eid, IPEndPoint itr, long started)
    {
        if (!_mapServers.TryLookup(eid, out var servers) || servers.Length == 0)
        {
            // No Map-Server serves this space: not an EID (RFC 9301 §8.1 negative Map-Reply for the largest uncovered block).
            var block = _mapServers.TryGetUncoveredBlock(eid, out var uncovered) ? uncovered : eid;
            SendNegative(itr, nonce, block, Options.NotEidSpaceTtlMinutes);
            _metrics.Record(ResolutionOutcome.Negative, local: true, _time.GetElapsedTime(started));
            return;
        }

        var server = servers[(int)(nonce % (ulong)servers.Length)];
        var length = EncapsulatedControlMessage.CopyWithFlags(ecmBytes, _buffer, EncapsulatedControlMessage.ToMapServerFlag);
        _sender.Send(server.Endpoint, _buffer.AsSpan(0, length));
        Counters.Increment(MapResolverCounter.ForwardedToMapServer);
        MapResolverLog.ForwardedToMapServer(_logger, eid, server.Endpoint);
    }

    private static bool TryFirstEid(in MapRequestView request, out EidPrefix eid)
    {
        foreach (var record in request.Records)
        {
            return EidConversions.TryToPrefix(record.Eid, record.MaskLength, out eid);
        }

        eid = default;
        return false;
    }

    private bool TryLookupCache(EidPrefix eid, DateTimeOffset now, out EidPrefix match, out CachedReferral? entry)
    {
        while (_cache.TryLookup(eid, out match, out entry))
        {
            if (entry.Entry.Expires > now)
            {
                return true;
            }

            _cache.Remove(match);
            Counters.Increment(MapResolverCounter.CacheEntriesExpired);
        }

        return false;
    }

    /// <summary>Returns a finished walk's entry to the pool.</summary>
    private void Release(PendingRequest pending)
    {
        _pending.Remove(pending.Nonce);
        pending.Clear();
        _freePending.Push(pending);
    }
}
