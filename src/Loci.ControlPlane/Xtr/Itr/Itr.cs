using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// An Ingress Tunnel Router's control plane (RFC 9301 §5.3, §6), sans-I/O: the map-cache, resolution
/// of misses through Map-Resolvers (ECM Map-Requests, retransmission with exponential backoff,
/// failover, one request per second per EID), SMR handling, RLOC-probing, and the choice of a
/// locator per flow.
/// </summary>
/// <remarks>
/// <para>
/// Threads: <see cref="Receive"/> and <see cref="OnTimer"/> run on the role thread and are the only
/// writers of the map-cache (an <see cref="EidTable{TValue}"/>: lock-free readers, one writer).
/// <see cref="Lookup(EidPrefix, in FlowKey)"/>, <see cref="ResolveAsync"/>, <see cref="MapCache"/>,
/// <see cref="PendingRequests"/> and <see cref="Counters"/> may be called from any thread. Lookups
/// and ResolveAsync never touch resolution state directly: they post to a concurrent inbox that the
/// role thread applies at its next Receive or OnTimer (hosts call OnTimer every 50 ms).
/// </para>
/// <para>
/// Failure policy: when no Map-Resolver answers, the ITR caches nothing. A negative entry carries an
/// action the mapping system chose (drop, forward natively ...); inventing one would make the data
/// plane black-hole or leak a LISP site's traffic unencapsulated for the entry's lifetime, and
/// would show in <c>loci show map-cache</c> as an answer nobody gave. What an operator wants from a
/// failure is only that the ITR stop hammering a dead mapping system, so a failed EID is instead held
/// down for <see cref="ItrOptions.FailureHoldDown"/>: lookups keep answering "miss" without new
/// Map-Requests, the state is visible in <see cref="PendingRequests"/>, and an explicit
/// <see cref="ResolveAsync"/> still tries at once.
/// </para>
/// </remarks>
public sealed partial class Itr : IRole
{
    /// <summary>How often TTL and idle expiry, the rate-limit memory and hold-downs are swept.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly IDatagramSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly EidTable<MapCacheEntry> _cache = new();
    private readonly byte[] _buffer = new byte[ushort.MaxValue];
    private readonly IPAddress? _rlocV4;
    private readonly IPAddress? _rlocV6;
    private readonly EquatableArray<LispAddress> _itrRlocs;
    private readonly MapCacheLocator[] _proxyEtrs;

    // Resolution state: role thread only, under _gate.
    private readonly Dictionary<ulong, ItrPendingRequest> _pendingByNonce = [];
    private readonly Dictionary<EidPrefix, ItrPendingRequest> _pendingByEid = [];
    private readonly Dictionary<EidPrefix, DateTimeOffset> _heldDown = [];
    private readonly Dictionary<EidPrefix, DateTimeOffset> _lastRequested = [];

    // Probing state: role thread only, under _gate.
    private readonly Dictionary<ulong, OutstandingProbe> _probes = [];
    private readonly Queue<ulong> _probeOrder = new();
    private readonly PriorityQueue<EidPrefix, DateTimeOffset> _probeSchedule = new();
    private readonly HashSet<EidPrefix> _probeScheduled = [];

    // Shared with lookup threads.
    private readonly ConcurrentQueue<InboxItem> _inbox = new();
    private readonly ConcurrentDictionary<EidPrefix, byte> _inFlight = new();
    private int _inFlightCount;

    private int _preferredResolver;
    private bool _mappingSystemSilent;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <exception cref="ArgumentException">The options are invalid (<see cref="ItrOptions.Validate"/>); the message names each option.</exception>
    public Itr(ItrOptions options, IDatagramSender sender, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(time);
        options.ThrowIfInvalid();
        Options = options;
        _sender = sender;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _rlocV4 = options.Rlocs.FirstOrDefault(r => r.AddressFamily == AddressFamily.InterNetwork);
        _rlocV6 = options.Rlocs.FirstOrDefault(r => r.AddressFamily == AddressFamily.InterNetworkV6);
        _itrRlocs = options.Rlocs.Select(r => (LispAddress)new InetAddress(r)).ToArray();

        // A Proxy-ETR is only usable in a family this ITR has an RLOC in (the outer header's source).
        _proxyEtrs = options.ProxyEtrs
            .Where(p => p.AddressFamily == AddressFamily.InterNetwork ? _rlocV4 is not null : _rlocV6 is not null)
            .Select(p => new MapCacheLocator(p, 1, 0))
            .ToArray();
    }

    public ItrOptions Options { get; }

    /// <summary>
    /// Called (on the caller's thread) after a resolution is queued for the role thread. A host sets
    /// it to run the role's timer at once, so a miss is resolved without waiting for the next tick.
    /// </summary>
    public Action? InboxSignal { get; set; }

    public ItrCounters Counters { get; } = new();

    /// <summary>The map-cache, negative entries included, in address order (for <c>loci show map-cache</c>). Lock-free.</summary>
    public IReadOnlyList<MapCacheEntry> MapCache => _cache.Current.Entries.Select(e => e.Value).ToList();

    /// <summary>The current immutable map-cache version, for readers that query it several times consistently.</summary>
    public EidTableSnapshot<MapCacheEntry> MapCacheSnapshot => _cache.Current;

    /// <summary>Resolutions deferred, awaiting a reply, or held down after a failure.</summary>
    public IReadOnlyList<ItrPendingRequestInfo> PendingRequests
    {
        get
        {
            lock (_gate)
            {
                var list = _pendingByEid.Values.Select(p => p.ToInfo()).ToList();
                list.AddRange(_heldDown.Select(h => new ItrPendingRequestInfo(h.Key, ItrRequestState.HeldDown, 0, false, null, 0, Options.MapResolvers.Count, h.Value - Options.FailureHoldDown, h.Value, 0)));
                return list;
            }
        }
    }

    public void Receive(in InboundDatagram datagram)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            DrainInbox(now);
            Counters.Increment(ItrCounter.DatagramsReceived);
            if (!LispMessage.TryParse(datagram.Payload, out var message, out _))
            {
                Counters.Increment(ItrCounter.MalformedDropped);
                ItrLog.Malformed(_logger, datagram.Source);
                return;
            }

            switch (message)
            {
                case MapReply reply:
                    OnMapReply(reply, datagram.Source, now);
                    break;
                case MapRequest request:
                    OnMapRequest(request, datagram.Source, now);
                    break;
                default:
                    Counters.Increment(ItrCounter.UnsupportedDropped);
                    break;
            }
        }
    }

    /// <summary>Applies queued lookups, then runs due sends, retransmissions, failovers, probes and expiry.</summary>
    public void OnTimer()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            DrainInbox(now);
            RunPending(now);
            RunProbeTimeouts(now);
            RunProbeSchedule(now);
            if (now >= _nextSweep)
            {
                _nextSweep = now + SweepInterval;
                Sweep(now);
            }
        }
    }

    private bool HasRlocFor(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? _rlocV4 is not null : _rlocV6 is not null;

    /// <summary>A nonce from a cryptographic source (RFC 9301 §5.2: it is what makes an off-path reply guesswork), unused by any outstanding request or probe.</summary>
    private ulong NewNonce()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong nonce;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            nonce = BitConverter.ToUInt64(bytes);
        }
        while (nonce == 0 || _pendingByNonce.ContainsKey(nonce) || _probes.ContainsKey(nonce));

        return nonce;
    }

    private static bool IsIpEid(in EidPrefix eid) => eid.Family is EidFamily.IPv4 or EidFamily.IPv6;
}
