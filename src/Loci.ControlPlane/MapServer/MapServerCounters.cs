using System.Diagnostics.Metrics;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// The Map-Server's counters. Incremented with <see cref="Interlocked"/> by the registration and
/// resolution paths (which may run on different threads) and read with <see cref="Volatile"/> by
/// anyone: tests, the management API, and the observable instruments of the "Loci.MapServer" meter.
/// </summary>
public sealed class MapServerCounters
{
    private long _registersReceived;
    private long _registersAccepted;
    private long _authFailures;
    private long _prefixRejected;
    private long _fastRefreshes;
    private long _deregistrations;
    private long _expirations;
    private long _notifiesSent;
    private long _requestsReceived;
    private long _repliesPositive;
    private long _repliesNegative;
    private long _requestsForwarded;
    private long _referralsSent;
    private long _malformedDropped;
    private long _unsupportedDropped;

    public long RegistersReceived => Volatile.Read(ref _registersReceived);

    /// <summary>Map-Registers applied, through the full or the fast path.</summary>
    public long RegistersAccepted => Volatile.Read(ref _registersAccepted);

    /// <summary>Map-Registers dropped because no key of the site verified them.</summary>
    public long AuthFailures => Volatile.Read(ref _authFailures);

    /// <summary>Map-Registers dropped by site policy: prefix outside the site, more-specific not allowed, RLOC not allowed.</summary>
    public long PrefixRejected => Volatile.Read(ref _prefixRejected);

    /// <summary>Unchanged re-registrations that only extended the lifetime (seed 002).</summary>
    public long FastRefreshes => Volatile.Read(ref _fastRefreshes);

    /// <summary>Records with TTL 0 that removed a registration.</summary>
    public long Deregistrations => Volatile.Read(ref _deregistrations);

    public long Expirations => Volatile.Read(ref _expirations);

    public long NotifiesSent => Volatile.Read(ref _notifiesSent);

    public long RequestsReceived => Volatile.Read(ref _requestsReceived);

    public long RepliesPositive => Volatile.Read(ref _repliesPositive);

    public long RepliesNegative => Volatile.Read(ref _repliesNegative);

    /// <summary>Map-Requests forwarded to an ETR in an ECM.</summary>
    public long RequestsForwarded => Volatile.Read(ref _requestsForwarded);

    /// <summary>Map-Referrals sent to DDT clients (MS-ACK, MS-NOT-REGISTERED, NOT-AUTHORITATIVE).</summary>
    public long ReferralsSent => Volatile.Read(ref _referralsSent);

    /// <summary>Datagrams that do not parse (truncated, bad lengths, garbage).</summary>
    public long MalformedDropped => Volatile.Read(ref _malformedDropped);

    /// <summary>Well-formed messages the Map-Server does not handle (other types, non-request ECM payloads, non-IP EIDs).</summary>
    public long UnsupportedDropped => Volatile.Read(ref _unsupportedDropped);

    /// <summary>Name → value, for JSON and logs.</summary>
    public IReadOnlyDictionary<string, long> ToDictionary() => new Dictionary<string, long>
    {
        ["registers_received"] = RegistersReceived,
        ["registers_accepted"] = RegistersAccepted,
        ["auth_failures"] = AuthFailures,
        ["prefix_rejected"] = PrefixRejected,
        ["fast_refreshes"] = FastRefreshes,
        ["deregistrations"] = Deregistrations,
        ["expirations"] = Expirations,
        ["notifies_sent"] = NotifiesSent,
        ["requests_received"] = RequestsReceived,
        ["replies_positive"] = RepliesPositive,
        ["replies_negative"] = RepliesNegative,
        ["requests_forwarded"] = RequestsForwarded,
        ["referrals_sent"] = ReferralsSent,
        ["malformed_dropped"] = MalformedDropped,
        ["unsupported_dropped"] = UnsupportedDropped,
    };

    /// <summary>Publishes every counter as an observable counter of <paramref name="meter"/>; reading costs nothing per packet.</summary>
    internal void Register(Meter meter)
    {
        foreach (var (name, _) in ToDictionary())
        {
            var captured = name;
            meter.CreateObservableCounter("loci.mapserver." + captured.Replace('_', '.'), () => ToDictionary()[captured], unit: "{message}");
        }
    }

    internal void RegisterReceived() => Interlocked.Increment(ref _registersReceived);

    internal void RegisterAccepted() => Interlocked.Increment(ref _registersAccepted);

    internal void AuthFailure() => Interlocked.Increment(ref _authFailures);

    internal void PrefixRejection() => Interlocked.Increment(ref _prefixRejected);

    internal void FastRefresh() => Interlocked.Increment(ref _fastRefreshes);

    internal void Deregistration() => Interlocked.Increment(ref _deregistrations);

    internal void Expiration() => Interlocked.Increment(ref _expirations);

    internal void NotifySent() => Interlocked.Increment(ref _notifiesSent);

    internal void RequestReceived() => Interlocked.Increment(ref _requestsReceived);

    internal void PositiveReply() => Interlocked.Increment(ref _repliesPositive);

    internal void NegativeReply() => Interlocked.Increment(ref _repliesNegative);

    internal void Forwarded() => Interlocked.Increment(ref _requestsForwarded);

    internal void ReferralSent() => Interlocked.Increment(ref _referralsSent);

    internal void Malformed() => Interlocked.Increment(ref _malformedDropped);

    internal void Unsupported() => Interlocked.Increment(ref _unsupportedDropped);
}
