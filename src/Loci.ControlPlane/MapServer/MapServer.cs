using System.Diagnostics.Metrics;
using System.Net;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// The Map-Server role, sans-I/O (RFC 9301 §8.2-8.3; RFC 8111 §7.3; seed 002's MS process):
/// accepts authenticated Map-Registers from its sites' ETRs and answers, forwards or refers the
/// Map-Requests that reach it.
/// </summary>
/// <remarks>
/// <para><b>Threading contract.</b> Two paths, kept apart so a flood of one cannot starve the other
/// (seed 002 runs a registration thread and a pool of resolution threads; DESIGN.md §4):</para>
/// <list type="bullet">
/// <item><see cref="HandleRegistration"/> and <see cref="OnTimer"/> are the <i>registration path</i>,
/// the single writer: call them from one thread at a time (the same thread, or serialised).</item>
/// <item><see cref="HandleRequest"/> is the <i>resolution path</i>: it only reads, so any number of
/// threads may call it concurrently with each other and with the registration path. It reads the
/// map-table (<see cref="EidTable{TValue}"/>: lock-free immutable snapshots), the site tables (built
/// once in the constructor), registration expiry (atomic 64-bit reads) and counters (Interlocked).</item>
/// <item><see cref="Receive"/> classifies and runs either path inline, for hosts with one thread per role.
/// Use <see cref="Classify"/> to queue the two kinds apart.</item>
/// <item><see cref="GetRegistrations"/>, <see cref="GetSites"/> and <see cref="Counters"/> are safe from any thread.</item>
/// </list>
/// The <see cref="IDatagramSender"/> must accept calls from every thread that runs a path.
/// </remarks>
public sealed partial class MapServer : IRole, IDisposable
{
    /// <summary>
    /// At most one authentication-failure and one policy-rejection Warning per site per interval, each
    /// with the count since the previous one: a flood of forged Map-Registers costs one line a minute,
    /// and the per-site count is also in the API and the metrics.
    /// </summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly MapServerOptions _options;
    private readonly ILogger _logger;
    private readonly IDatagramSender _sender;
    private readonly TimeProvider _time;
    private readonly IPEndPoint _local;
    private readonly SiteState[] _sites;
    private readonly Meter _meter;
    private readonly EquatableArray<LocatorRecord> _peerReferrals;

    /// <summary>Reply endpoints of recent requesters, so answering them allocates nothing.</summary>
    private readonly EndpointCache _replyEndpoints = new();

    /// <summary>Each site's allowed prefixes → the site. Written only in the constructor.</summary>
    private readonly EidTable<SiteState> _siteSpace = new();

    /// <summary>The configured EID space plus every site prefix. Written only in the constructor.</summary>
    private readonly EidTable<bool> _eidSpace = new();

    /// <summary>The map-table: registered EID-prefix → registrations. Written only by the registration path.</summary>
    private readonly EidTable<RegisteredPrefix> _registrations = new();

    /// <summary>Registration path only: content hash → what that Map-Register produced (fast refresh).</summary>
    private readonly Dictionary<(RegistrantId Registrant, UInt128 Hash), RegisterMemo> _memos = [];

    /// <summary>Registration path only: expiry queue with lazy deletion (an entry is checked against the table when due).</summary>
    private readonly PriorityQueue<(EidPrefix Prefix, Registration Registration), long> _expiries = new();

    public MapServer(MapServerOptions options, IDatagramSender sender, TimeProvider time, IPEndPoint localEndpoint, IMeterFactory? meterFactory = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(localEndpoint);
        options.Validate();
        _options = options;
        _sender = sender;
        _time = time;
        _local = localEndpoint;
        _logger = logger ?? NullLogger.Instance;
        _sites = [.. options.Sites.Select(s => new SiteState(s, WarningInterval, time))];
        foreach (var site in _sites)
        {
            foreach (var prefix in site.Options.AllowedPrefixes)
            {
                _siteSpace.Set(prefix, site);
                _eidSpace.Set(prefix, true);
            }
        }

        foreach (var prefix in options.EidSpace)
        {
            _eidSpace.Set(prefix, true);
        }

        _peerReferrals = options.PeerMapServers.Select(ip => new LocatorRecord(new InetAddress(ip))).ToArray();
        _meter = meterFactory?.Create("Loci.MapServer") ?? new Meter("Loci.MapServer");
        Counters.Register(_meter);
    }

    public MapServerCounters Counters { get; } = new();

    /// <summary>The local endpoint the role is bound to (the Map-Server's own RLOC).</summary>
    public IPEndPoint LocalEndpoint => _local;

    /// <summary>Which path a datagram belongs to, from its type nibble only (RFC 9301 §5.1).</summary>
    public static MapServerMessageKind Classify(ReadOnlySpan<byte> payload) => LispMessage.PeekType(payload) switch
    {
        MessageType.MapRegister => MapServerMessageKind.Registration,
        MessageType.MapRequest or MessageType.EncapsulatedControlMessage => MapServerMessageKind.Resolution,
        _ => MapServerMessageKind.Other,
    };

    /// <summary>Runs the datagram's path inline (one thread per role). Never throws on bad input.</summary>
    public void Receive(in InboundDatagram datagram)
    {
        switch (Classify(datagram.Payload))
        {
            case MapServerMessageKind.Registration:
                HandleRegistration(datagram);
                break;
            case MapServerMessageKind.Resolution:
                HandleRequest(datagram);
                break;
            default:
                if (datagram.Payload.IsEmpty)
                {
                    Counters.Malformed();
                    MapServerLog.Malformed(_logger, 0, datagram.Source, new WireError(WireErrorCode.Truncated, 0, "empty datagram"));
                }
                else
                {
                    Counters.Unsupported();
                    MapServerLog.Unsupported(_logger, LispMessage.PeekType(datagram.Payload), datagram.Source, "not a Map-Server message");
                }

                break;
        }
    }

    /// <summary>
    /// Registration path: removes registrations whose lifetime has passed (RFC 9301 §8.2) and writes
    /// the aggregated per-site warnings whose interval is over.
    /// </summary>
    public void OnTimer()
    {
        ReportSiteWarnings();
        var now = _time.GetUtcNow();
        while (_expiries.TryPeek(out var item, out var due) && due <= now.UtcTicks)
        {
            _expiries.Dequeue();
            if (!_registrations.TryGetValue(item.Prefix, out var entry) || !ReferenceEquals(entry.Find(item.Registration.Registrant), item.Registration))
            {
                continue; // replaced or removed since it was queued
            }

            if (item.Registration.IsLive(now))
            {
                _expiries.Enqueue(item, item.Registration.ExpiresAt.UtcTicks); // fast-refreshed meanwhile
                continue;
            }

            var rest = entry.Without(item.Registration.Registrant, out _);
            if (rest is null)
            {
                _registrations.Remove(item.Prefix);
            }
            else
            {
                _registrations.Set(item.Prefix, rest);
            }

            Counters.Expiration();
            MapServerLog.Expired(_logger, entry.Site.Name, item.Prefix, item.Registration.LastSource, item.Registration.Lifetime);
        }
    }

    /// <summary>Every live registration, one row per (prefix, registrant). Safe from any thread.</summary>
    public IReadOnlyList<RegistrationInfo> GetRegistrations()
    {
        var now = _time.GetUtcNow();
        var rows = new List<RegistrationInfo>();
        foreach (var (prefix, entry) in _registrations.Current.Entries)
        {
            foreach (var r in entry.Registrations)
            {
                if (r.IsLive(now))
                {
                    rows.Add(new RegistrationInfo(prefix, entry.Site.Name, r.Registrant.XtrId, r.SiteId, r.Locators, r.ProxyReply, r.RegisteredAt, r.ExpiresAt, r.LastSource));
                }
            }
        }

        return rows;
    }

    /// <summary>The configured sites with their number of registered prefixes. Safe from any thread.</summary>
    public IReadOnlyList<SiteInfo> GetSites()
    {
        var snapshot = _registrations.Current;
        return [.. _sites.Select(s => new SiteInfo(
            s.Name,
            s.Options.AllowedPrefixes,
            s.Options.AcceptMoreSpecifics,
            [.. s.Options.Keys.Select(k => $"{k.KeyId}/{k.Algorithm}")],
            snapshot.Entries.Count(e => ReferenceEquals(e.Value.Site, s)),
            s.AuthFailures))];
    }

    public void Dispose()
    {
        _meter.Dispose();
        foreach (var site in _sites)
        {
            site.Dispose();
        }
    }

    /// <summary>Writes <paramref name="message"/> and sends it; small messages go through the stack, never a shared buffer (several threads send).</summary>
    private void Send(IPEndPoint destination, LispMessage message)
    {
        var length = message.EncodedLength;
        Span<byte> buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = message.WriteTo(buffer);
        _sender.Send(destination, buffer[..written]);
    }
}
