using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.Observability;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// A Map-Resolver (RFC 9301 §8.4, RFC 8111 §7.3), sans-I/O. It accepts Map-Requests from ITRs, in an
/// ECM or native, and resolves them either by forwarding to a configured Map-Server (M bit) or by
/// walking the DDT tree: DDT Map-Requests (ECM with the D bit) go to the best known referral, the
/// referral cache remembers NODE-/MS-REFERRALs by prefix for their TTL so later requests skip the
/// root (seed 002), and dead ends become negative Map-Replies that a negative cache repeats.
/// Once a Map-Server acknowledges (MS-ACK) it has forwarded the request to the ETR, whose Map-Reply
/// goes straight to the ITR; the Map-Resolver's job ends there (RFC 8111 §7.3.2).
/// </summary>
/// <remarks>
/// Every hop carries the ITR's own Map-Request, nonce unchanged: the ETR answers the ITR with that
/// nonce, so it must be the ITR's, and Map-Referrals are matched to pending requests by it
/// (RFC 8111 §7.3.1). A retransmission resends the same bytes.
/// </remarks>
public sealed partial class MapResolver : IRole, IDisposable
{
    /// <summary>At most one Warning of each aggregated kind (gave up, pending list full, cache full) per interval, with a count.</summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly IDatagramSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MapResolverMetrics _metrics;
    private readonly LogRateLimit _gaveUpReports;
    private readonly LogRateLimit _pendingFullReports;
    private readonly LogRateLimit _cacheFullReports;
    private (EidPrefix Eid, IPEndPoint Itr, string Reason, IPEndPoint? LastAsked) _lastGaveUp;
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, PendingRequest> _pending = [];
    private readonly EidTable<ReferralCacheEntry> _cache = new();
    private readonly EidTable<MapServerTarget[]> _mapServers = new();
    private readonly byte[] _buffer = new byte[ushort.MaxValue];
    private DateTimeOffset _nextSweep;

    /// <exception cref="ArgumentException">The options are invalid (<see cref="MapResolverOptions.Validate"/>).</exception>
    public MapResolver(MapResolverOptions options, IDatagramSender sender, TimeProvider time, IMeterFactory? meterFactory = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(time);
        options.ThrowIfInvalid();
        Options = options;
        _sender = sender;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _metrics = new MapResolverMetrics(meterFactory, Counters);
        _gaveUpReports = new LogRateLimit(WarningInterval, time);
        _pendingFullReports = new LogRateLimit(WarningInterval, time);
        _cacheFullReports = new LogRateLimit(WarningInterval, time);
        foreach (var server in options.MapServers)
        {
            IReadOnlyList<EidPrefix> prefixes = server.Prefixes is { Count: > 0 } p ? p : [EidPrefix.Parse("0.0.0.0/0"), EidPrefix.Parse("::/0")];
            foreach (var prefix in prefixes)
            {
                _mapServers.Set(prefix, _mapServers.TryGetValue(prefix, out var existing) ? [.. existing, server] : [server]);
            }
        }
    }

    public MapResolverOptions Options { get; }

    public MapResolverCounters Counters { get; } = new();

    /// <summary>p50/p90/p99 of the resolution latency (see <see cref="MapResolverMetrics"/>), for the management API.</summary>
    public LatencySummary ResolutionLatency => _metrics.Latency.Summarize();

    /// <summary>Requests being resolved (RFC 8111 §7.3.1 pending request list), for the management API.</summary>
    public IReadOnlyList<PendingRequestInfo> PendingRequests
    {
        get
        {
            lock (_gate)
            {
                return _pending.Values.Select(p => p.ToInfo()).ToList();
            }
        }
    }

    /// <summary>The referral cache, negative entries included, in address order, for the management API.</summary>
    public IReadOnlyList<ReferralCacheEntry> ReferralCache => _cache.Current.Entries.Select(e => e.Value).ToList();

    public void Receive(in InboundDatagram datagram)
    {
        lock (_gate)
        {
            Counters.Increment(MapResolverCounter.DatagramsReceived);
            if (!LispMessage.TryParse(datagram.Payload, out var message, out var error))
            {
                Counters.Increment(MapResolverCounter.Malformed);
                MapResolverLog.Malformed(_logger, datagram.Payload.Length, datagram.Source, error);
                return;
            }

            switch (message)
            {
                // RFC 8111 §6.3: D marks a DDT query for DDT nodes and Map-Servers, not for a Map-Resolver.
                case EncapsulatedControlMessage { Inner: MapRequest request, DdtOriginated: false } ecm:
                    OnRequest(request, ecm.InnerSource, ecm.InnerDestination, ecm.InnerSourcePort, ecm.SecurityData);
                    break;
                case MapRequest request:
                    Counters.Increment(MapResolverCounter.NativeRequestsReceived);
                    OnNativeRequest(request, datagram.Source, datagram.Local);
                    break;
                case MapReferral referral:
                    OnReferral(referral, datagram.Source);
                    break;
                default:
                    Counters.Increment(MapResolverCounter.Unsupported);
                    MapResolverLog.Unsupported(_logger, message.Type, datagram.Source, "not a Map-Request (ECM without the D bit, or native) or a Map-Referral");
                    break;
            }
        }
    }

    public void Dispose() => _metrics.Dispose();

    private void OnNativeRequest(MapRequest request, IPEndPoint source, IPEndPoint local)
    {
        // A native request has no inner headers; build them as an ITR would (RFC 9301 §5.8): from the
        // requester to the EID, or to this resolver's own address when the families differ.
        var requester = Normalize(source.Address);
        var destination = request.Records.Count > 0 && EidConversions.ToIPAddress(request.Records[0].EidPrefix) is { } eid && eid.AddressFamily == requester.AddressFamily
            ? eid
            : Normalize(local.Address);
        if (destination.AddressFamily != requester.AddressFamily)
        {
            Counters.Increment(MapResolverCounter.Unsupported);
            MapResolverLog.Unsupported(_logger, MessageType.MapRequest, source, "a native Map-Request across address families");
            return;
        }

        OnRequest(request, requester, destination, (ushort)source.Port, null);
    }

    private void OnRequest(MapRequest request, IPAddress innerSource, IPAddress innerDestination, ushort sourcePort, EquatableArray<byte>? security)
    {
        Counters.Increment(MapResolverCounter.RequestsReceived);
        var started = _time.GetTimestamp();

        // RFC 9301 §5.2: one record is sent, more are accepted; the first one is resolved.
        if (request.Records.Count == 0 || !EidConversions.TryToPrefix(request.Records[0].EidPrefix, request.Records[0].MaskLength, out var eid))
        {
            Counters.Increment(MapResolverCounter.Unsupported);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                MapResolverLog.Unsupported(_logger, MessageType.MapRequest, new IPEndPoint(innerSource, sourcePort), "no record, or an EID that is not an IPv4 or IPv6 prefix");
            }
            return;
        }

        var itr = ReplyEndpoint(request, innerSource, sourcePort);
        MapResolverLog.RequestReceived(_logger, eid, itr, request.Nonce);
        if (Options.Mode == MapResolverMode.MapServerList)
        {
            ForwardToMapServer(request, eid, itr, innerSource, innerDestination, sourcePort, security, started);
            return;
        }

        if (_pending.ContainsKey(request.Nonce))
        {
            // The ITR retransmitted (or another requester reused the nonce): the walk under way answers it.
            Counters.Increment(MapResolverCounter.DuplicateRequests);
            return;
        }

        var now = _time.GetUtcNow();
        var cached = TryLookupCache(eid, now, out var match, out var entry);
        if (cached && entry!.IsNegative)
        {
            Counters.Increment(MapResolverCounter.NegativeCacheHits);
            SendNegative(itr, request.Nonce, entry.Prefix, RemainingMinutes(entry, now));
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

        var ddt = new EncapsulatedControlMessage(innerSource, innerDestination, sourcePort, LispPorts.ControlPlane, request)
        {
            DdtOriginated = true,
            SecurityData = security,
        };
        var pending = new PendingRequest(request.Nonce, eid, itr, ddt.ToArray(), now, started);
        if (cached)
        {
            Counters.Increment(MapResolverCounter.ReferralCacheHits);
            pending.StartAtCache(match, Endpoints(entry!.Locators), entry.Kind == ReferralCacheKind.MsReferral);
        }
        else
        {
            Counters.Increment(MapResolverCounter.RootWalks);
            pending.StartAtRoots(Options.DdtRoots);
        }

        _pending.Add(pending.Nonce, pending);
        SendCurrent(pending, now);
    }

    /// <summary>Map-server-list mode (RFC 9301 §8.4): the ECM goes on to a Map-Server with the M bit; the Map-Server or the ETR answers the ITR.</summary>
    private void ForwardToMapServer(MapRequest request, EidPrefix eid, IPEndPoint itr, IPAddress innerSource, IPAddress innerDestination, ushort sourcePort, EquatableArray<byte>? security, long started)
    {
        if (!_mapServers.TryLookup(eid, out var servers) || servers.Length == 0)
        {
            // No Map-Server serves this space: not an EID (RFC 9301 §8.1 negative Map-Reply for the largest uncovered block).
            var block = _mapServers.TryGetUncoveredBlock(eid, out var uncovered) ? uncovered : eid;
            SendNegative(itr, request.Nonce, block, Options.NotEidSpaceTtlMinutes);
            _metrics.Record(ResolutionOutcome.Negative, local: true, _time.GetElapsedTime(started));
            return;
        }

        var server = servers[(int)(request.Nonce % (ulong)servers.Length)];
        var forward = new EncapsulatedControlMessage(innerSource, innerDestination, sourcePort, LispPorts.ControlPlane, request)
        {
            ToMapServer = true,
            SecurityData = security,
        };
        var length = forward.WriteTo(_buffer);
        _sender.Send(server.Endpoint, _buffer.AsSpan(0, length));
        Counters.Increment(MapResolverCounter.ForwardedToMapServer);
        MapResolverLog.ForwardedToMapServer(_logger, eid, server.Endpoint);
    }

    /// <summary>The ITR-RLOC of the requester's family (RFC 9301 §5.2), at the UDP source port the request came from.</summary>
    private static IPEndPoint ReplyEndpoint(MapRequest request, IPAddress innerSource, ushort sourcePort)
    {
        IPAddress? chosen = null;
        foreach (var rloc in request.ItrRlocs)
        {
            if (EidConversions.ToIPAddress(rloc) is not { } address)
            {
                continue;
            }

            chosen ??= address;
            if (address.AddressFamily == innerSource.AddressFamily)
            {
                chosen = address;
                break;
            }
        }

        return new IPEndPoint(chosen ?? innerSource, sourcePort == 0 ? LispPorts.ControlPlane : sourcePort);
    }

    private bool TryLookupCache(EidPrefix eid, DateTimeOffset now, out EidPrefix match, out ReferralCacheEntry? entry)
    {
        while (_cache.TryLookup(eid, out match, out entry))
        {
            if (entry.Expires > now)
            {
                return true;
            }

            _cache.Remove(match);
            Counters.Increment(MapResolverCounter.CacheEntriesExpired);
        }

        return false;
    }

    private IReadOnlyList<IPEndPoint> Endpoints(IReadOnlyList<DdtReferralTarget> targets) =>
        targets.Select(t => new IPEndPoint(t.Address, Options.ReferralPort)).ToArray();

    private static uint RemainingMinutes(ReferralCacheEntry entry, DateTimeOffset now) =>
        (uint)Math.Max(1, Math.Ceiling((entry.Expires - now).TotalMinutes));

    private static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
