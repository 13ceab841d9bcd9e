using System.Diagnostics.Metrics;
using System.Net;
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
/// Thread-safe: one lock around the state, so a host may call Receive from its receive threads and
/// OnTimer from another (DESIGN.md §4 run to completion, without a hand-off per datagram).
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
    private readonly Stack<PendingRequest> _freePending = new();
    private readonly List<PendingRequest> _due = [];
    private readonly EidTable<CachedReferral> _cache = new();
    private readonly EidTable<MapServerTarget[]> _mapServers = new();
    private readonly EndpointCache _itrEndpoints = new();
    private readonly byte[] _buffer = new byte[ushort.MaxValue];
    private readonly byte[] _nativeEcm = new byte[ushort.MaxValue];
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
    public IReadOnlyList<ReferralCacheEntry> ReferralCache => _cache.Current.Entries.Select(e => e.Value.Entry).ToList();

    public void Receive(in InboundDatagram datagram)
    {
        lock (_gate)
        {
            Counters.Increment(MapResolverCounter.DatagramsReceived);

            // The hot path reads views (no model objects); the views accept exactly what the model
            // parser accepts, so anything else goes to ReceiveModel for its diagnosis.
            var payload = datagram.Payload;
            if (LispMessage.PeekType(payload) == MessageType.EncapsulatedControlMessage
                && EcmView.TryParse(payload, out var ecm, out _)
                && ecm.InnerType == MessageType.MapRequest
                && !ecm.DdtOriginated // RFC 8111 §6.3: D marks a query for DDT nodes and Map-Servers, not for a Map-Resolver.
                && MapRequestView.TryParse(ecm.Inner, out var request, out _))
            {
                OnRequest(payload, ecm, request, datagram.Source);
                return;
            }

            if (LispMessage.PeekType(payload) == MessageType.MapReferral && MapReferralView.TryParse(payload, out var referral, out _))
            {
                OnReferral(referral, datagram.Source);
                return;
            }

            ReceiveModel(datagram);
        }
    }

    /// <summary>Everything but an ECM Map-Request: parsed into the model (the diagnosis of malformed input included).</summary>
    private void ReceiveModel(in InboundDatagram datagram)
    {
        if (!LispMessage.TryParse(datagram.Payload, out var message, out var error))
        {
            Counters.Increment(MapResolverCounter.Malformed);
            MapResolverLog.Malformed(_logger, datagram.Payload.Length, datagram.Source, error);
            return;
        }

        switch (message)
        {
            case MapRequest request:
                Counters.Increment(MapResolverCounter.NativeRequestsReceived);
                OnNativeRequest(request, datagram.Source, datagram.Local);
                break;
            default:
                Counters.Increment(MapResolverCounter.Unsupported);
                MapResolverLog.Unsupported(_logger, message.Type, datagram.Source, "not a Map-Request (ECM without the D bit, or native) or a Map-Referral");
                break;
        }
    }

    public void Dispose() => _metrics.Dispose();

    private static uint RemainingMinutes(ReferralCacheEntry entry, DateTimeOffset now) =>
        (uint)Math.Max(1, Math.Ceiling((entry.Expires - now).TotalMinutes));
}
