using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// The Egress Tunnel Router role, sans-I/O (RFC 9301 §6.1, §6.3.2, §8.2): registers the site's
/// EID-Prefixes with its Map-Servers, each signed with that Map-Server's own key (seed 002's xTR
/// registering to independent mapping systems), answers Map-Requests and RLOC-probes for those
/// prefixes with authoritative Map-Replies, and when a mapping changes, re-registers at once and
/// solicits fresh Map-Requests from the ITRs that recently asked (SMR).
/// </summary>
/// <remarks>
/// <para><b>Threading contract.</b> <see cref="Receive"/> and <see cref="OnTimer"/> run on one thread
/// at a time (the role thread; the host calls OnTimer every 50 ms). <see cref="UpdateMapping"/>,
/// <see cref="SetPrefix"/> and <see cref="RemovePrefix"/> may be called from any thread: they queue the
/// change, which the role thread applies at its next Receive or OnTimer. The read side
/// (<see cref="GetDatabase"/>, <see cref="GetMapServers"/>, <see cref="GetRequesters"/>,
/// <see cref="AllRegistered"/>, <see cref="Counters"/>) is safe from any thread.</para>
/// </remarks>
public sealed partial class Etr : IRole, IDisposable
{
    /// <summary>Largest Map-Register built: fits a 1500-byte MTU under IPv6 and UDP headers, so registers are never fragmented.</summary>
    internal const int MaxRegisterBytes = 1400;

    /// <summary>How often forgotten requesters are swept out (lookups ignore them anyway).</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly EtrOptions _options;
    private readonly IDatagramSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EtrMapServerState[] _mapServers;
    private readonly HashSet<string> _mapServerNames;

    /// <summary>The local database: EID-Prefix → mapping. Written only by the role thread; lock-free reads.</summary>
    private readonly EidTable<EtrLocalMapping> _database = new();

    /// <summary>Changes from any thread, applied by the role thread.</summary>
    private readonly ConcurrentQueue<EtrMappingChange> _inbox = new();

    private readonly EtrRequesterTable _requesters;

    /// <summary>Reply endpoints of recent requesters, so answering them allocates nothing.</summary>
    private readonly EndpointCache _replyEndpoints = new();

    /// <summary>Role thread only: SMRs owed per (prefix, requester).</summary>
    private readonly Dictionary<(EidPrefix Prefix, IPAddress Requester), EtrSmrState> _smrs = [];

    private DateTimeOffset _nextSweep;

    public Etr(EtrOptions options, IDatagramSender sender, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        _sender = sender;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        XtrId = options.XtrId ?? RandomXtrId();
        _mapServers = [.. options.MapServers.Select((m, i) => new EtrMapServerState(i, m))];
        _mapServerNames = [.. options.MapServers.Select(m => m.Name)];
        _requesters = new EtrRequesterTable(options.MaxRequestersPerPrefix);
        _database.Update(writer =>
        {
            foreach (var entry in options.Database)
            {
                var mapping = CreateMapping(entry);
                writer.Set(mapping.Prefix, mapping);
            }
        });

        // The first round goes out at the first OnTimer: the host is ready to send by then.
        var now = time.GetUtcNow();
        foreach (var server in _mapServers)
        {
            server.NextRound = now;
        }

        _nextSweep = now + SweepInterval;
        RecountPrefixes();
    }

    public EtrCounters Counters { get; } = new();

    /// <summary>The xTR-ID sent in every Map-Register (RFC 9301 §5.6): configured, or drawn at random at construction.</summary>
    public UInt128 XtrId { get; }

    public ulong SiteId => _options.SiteId;

    /// <summary>
    /// Called (on the caller's thread) after a mapping change is queued for the role thread. A host
    /// sets it to run the role's timer at once, so a change takes effect without waiting for the next tick.
    /// </summary>
    public Action? InboxSignal { get; set; }

    /// <summary>The options the ETR was built with (its map-servers, their algorithms; the database as configured at start).</summary>
    public EtrOptions Options => _options;

    /// <summary>
    /// True when every Map-Server that has prefixes to register has confirmed the latest finished round
    /// with a verified Map-Notify, and there is at least one such Map-Server. Never true without
    /// <see cref="EtrOptions.WantMapNotify"/>: nothing confirms a register then. Safe from any thread.
    /// </summary>
    public bool AllRegistered
    {
        get
        {
            var any = false;
            foreach (var server in _mapServers)
            {
                var status = server.Status;
                if (status.State == EtrRegistrationState.Idle)
                {
                    continue;
                }

                if (!status.Registered)
                {
                    return false;
                }

                any = true;
            }

            return any;
        }
    }

    /// <summary>Handles one datagram; applies queued database changes first. Never throws on bad input.</summary>
    public void Receive(in InboundDatagram datagram)
    {
        ApplyChanges();
        switch (LispMessage.PeekType(datagram.Payload))
        {
            case MessageType.MapRequest or MessageType.EncapsulatedControlMessage:
                HandleRequest(datagram);
                break;
            case MessageType.MapNotify:
                HandleNotify(datagram);
                break;
            default:
                if (datagram.Payload.IsEmpty)
                {
                    Counters.Malformed();
                }
                else
                {
                    Counters.Unsupported();
                }

                EtrLog.Dropped(_logger, datagram.Source, "not a message type an ETR handles");
                break;
        }
    }

    /// <summary>Applies queued changes, then runs due registration rounds, Map-Register and SMR retransmissions, and requester expiry.</summary>
    public void OnTimer()
    {
        ApplyChanges();
        var now = _time.GetUtcNow();
        RunRegistrationTimers(now);
        SendDueSmrs(now);
        if (now >= _nextSweep)
        {
            _nextSweep = now + SweepInterval;
            _requesters.Sweep(now - _options.RequesterMemory);
        }
    }

    /// <summary>The local database as applied so far (queued changes not included). Safe from any thread.</summary>
    public IReadOnlyList<EtrPrefixOptions> GetDatabase() => [.. _database.Current.Entries.Select(e => e.Value.Options)];

    /// <summary>Registration state per Map-Server, in configuration order. Safe from any thread.</summary>
    public IReadOnlyList<EtrMapServerStatus> GetMapServers() => [.. _mapServers.Select(s => s.Status)];

    /// <summary>ITR RLOCs that asked for a local prefix within <see cref="EtrOptions.RequesterMemory"/>. Safe from any thread.</summary>
    public IReadOnlyList<EtrRequesterInfo> GetRequesters() => _requesters.Snapshot(_time.GetUtcNow() - _options.RequesterMemory);

    public void Dispose()
    {
        foreach (var server in _mapServers)
        {
            server.Dispose();
        }
    }

    /// <summary>A database entry with its Map-Server names resolved to indexes (empty = every Map-Server) and its lists copied.</summary>
    private EtrLocalMapping CreateMapping(EtrPrefixOptions entry)
    {
        var copy = entry with { Locators = [.. entry.Locators], MapServers = [.. entry.MapServers] };
        int[] indexes = copy.MapServers.Count == 0
            ? [.. Enumerable.Range(0, _mapServers.Length)]
            : [.. _mapServers.Where(s => copy.MapServers.Contains(s.Name)).Select(s => s.Index)];
        return new EtrLocalMapping(copy, indexes);
    }

    /// <summary>Recounts each Map-Server's prefixes and moves it in or out of <see cref="EtrRegistrationState.Idle"/>.</summary>
    private void RecountPrefixes()
    {
        var counts = new int[_mapServers.Length];
        foreach (var (_, mapping) in _database.Current.Entries)
        {
            foreach (var index in mapping.MapServers)
            {
                counts[index]++;
            }
        }

        foreach (var server in _mapServers)
        {
            server.Prefixes = counts[server.Index];
            if (server.Prefixes > 0 && server.State == EtrRegistrationState.Idle)
            {
                server.State = _options.WantMapNotify ? EtrRegistrationState.Registering : EtrRegistrationState.Unconfirmed;
            }
            else if (server.Prefixes == 0 && server.Outstanding.Count == 0 && server.Withdrawals.Count == 0)
            {
                server.State = EtrRegistrationState.Idle;
            }

            server.Publish();
        }
    }

    /// <summary>Writes <paramref name="message"/> and sends it. Control messages of an ETR are small: they go through the stack.</summary>
    private void Send(IPEndPoint destination, LispMessage message)
    {
        var length = message.EncodedLength;
        Span<byte> buffer = length <= 2048 ? stackalloc byte[length] : new byte[length];
        var written = message.WriteTo(buffer);
        _sender.Send(destination, buffer[..written]);
    }

    /// <summary>An unpredictable 64-bit nonce (RFC 9301 §5.2, §5.6: the nonce matches an answer to its message, so it must not be guessable).</summary>
    private static ulong NewNonce()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    private static UInt128 RandomXtrId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
