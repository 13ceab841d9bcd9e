namespace Loci.ControlPlane.Xtr;

/// <summary>
/// The ETR's counters. The role thread increments them with <see cref="Interlocked"/>; anyone (tests,
/// the management API) reads them with <see cref="Volatile"/>.
/// </summary>
public sealed class EtrCounters
{
    private long _registersSent;
    private long _registerRetransmits;
    private long _registrationRoundsFailed;
    private long _notifiesVerified;
    private long _notifiesRejected;
    private long _notifiesLate;
    private long _notifiesUnsolicited;
    private long _notifyAcksSent;
    private long _requestsReceived;
    private long _requestsAnswered;
    private long _requestsNotOurs;
    private long _probesAnswered;
    private long _smrsIgnored;
    private long _smrsSent;
    private long _smrsAnswered;
    private long _smrsGivenUp;
    private long _requestersEvicted;
    private long _mappingChangesApplied;
    private long _mappingChangesIgnored;
    private long _malformedDropped;
    private long _unsupportedDropped;

    /// <summary>Map-Registers sent for the first time (periodic or after a mapping change).</summary>
    public long RegistersSent => Volatile.Read(ref _registersSent);

    /// <summary>Map-Registers sent again because no Map-Notify confirmed them.</summary>
    public long RegisterRetransmits => Volatile.Read(ref _registerRetransmits);

    /// <summary>Registration rounds that ended without a verified Map-Notify for every Map-Register.</summary>
    public long RegistrationRoundsFailed => Volatile.Read(ref _registrationRoundsFailed);

    /// <summary>Map-Notifies that matched an outstanding Map-Register and verified with its Map-Server's key.</summary>
    public long NotifiesVerified => Volatile.Read(ref _notifiesVerified);

    /// <summary>Map-Notifies dropped: wrong key, unknown source, or a nonce no Map-Server's key vouches for.</summary>
    public long NotifiesRejected => Volatile.Read(ref _notifiesRejected);

    /// <summary>Authentic Map-Notifies for a Map-Register already confirmed or superseded (duplicates, late answers).</summary>
    public long NotifiesLate => Volatile.Read(ref _notifiesLate);

    /// <summary>Authentic Map-Notifies answering no Map-Register of ours (RFC 9301 §5.7); each is acknowledged.</summary>
    public long NotifiesUnsolicited => Volatile.Read(ref _notifiesUnsolicited);

    public long NotifyAcksSent => Volatile.Read(ref _notifyAcksSent);

    /// <summary>Map-Requests received, native or in an ECM, SMRs and probes included.</summary>
    public long RequestsReceived => Volatile.Read(ref _requestsReceived);

    /// <summary>Map-Requests answered with an authoritative Map-Reply (probes not included).</summary>
    public long RequestsAnswered => Volatile.Read(ref _requestsAnswered);

    /// <summary>Map-Requests for an EID outside the local database, dropped.</summary>
    public long RequestsNotOurs => Volatile.Read(ref _requestsNotOurs);

    /// <summary>RLOC-probes answered with a Map-Reply with the P bit (RFC 9301 §6.3.2).</summary>
    public long ProbesAnswered => Volatile.Read(ref _probesAnswered);

    /// <summary>Solicit-Map-Requests received: they are for the ITR side, the ETR ignores them.</summary>
    public long SmrsIgnored => Volatile.Read(ref _smrsIgnored);

    /// <summary>Solicit-Map-Requests sent, retransmissions included (RFC 9301 §6.1).</summary>
    public long SmrsSent => Volatile.Read(ref _smrsSent);

    /// <summary>SMRs whose requester came back with a Map-Request for the changed prefix.</summary>
    public long SmrsAnswered => Volatile.Read(ref _smrsAnswered);

    /// <summary>SMRs abandoned after the last attempt brought no Map-Request.</summary>
    public long SmrsGivenUp => Volatile.Read(ref _smrsGivenUp);

    /// <summary>Requesters forgotten because their prefix's table was full.</summary>
    public long RequestersEvicted => Volatile.Read(ref _requestersEvicted);

    public long MappingChangesApplied => Volatile.Read(ref _mappingChangesApplied);

    /// <summary>Changes for a prefix that is not in the database (updated or removed before it was added, or twice).</summary>
    public long MappingChangesIgnored => Volatile.Read(ref _mappingChangesIgnored);

    /// <summary>Datagrams that do not parse (truncated, bad lengths, garbage) or requests without a record.</summary>
    public long MalformedDropped => Volatile.Read(ref _malformedDropped);

    /// <summary>Well-formed messages the ETR does not handle (other types, non-request ECM payloads, non-IP EIDs).</summary>
    public long UnsupportedDropped => Volatile.Read(ref _unsupportedDropped);

    /// <summary>Name → value, for JSON and logs.</summary>
    public IReadOnlyDictionary<string, long> ToDictionary() => new Dictionary<string, long>
    {
        ["registers_sent"] = RegistersSent,
        ["register_retransmits"] = RegisterRetransmits,
        ["registration_rounds_failed"] = RegistrationRoundsFailed,
        ["notifies_verified"] = NotifiesVerified,
        ["notifies_rejected"] = NotifiesRejected,
        ["notifies_late"] = NotifiesLate,
        ["notifies_unsolicited"] = NotifiesUnsolicited,
        ["notify_acks_sent"] = NotifyAcksSent,
        ["requests_received"] = RequestsReceived,
        ["requests_answered"] = RequestsAnswered,
        ["requests_not_ours"] = RequestsNotOurs,
        ["probes_answered"] = ProbesAnswered,
        ["smrs_ignored"] = SmrsIgnored,
        ["smrs_sent"] = SmrsSent,
        ["smrs_answered"] = SmrsAnswered,
        ["smrs_given_up"] = SmrsGivenUp,
        ["requesters_evicted"] = RequestersEvicted,
        ["mapping_changes_applied"] = MappingChangesApplied,
        ["mapping_changes_ignored"] = MappingChangesIgnored,
        ["malformed_dropped"] = MalformedDropped,
        ["unsupported_dropped"] = UnsupportedDropped,
    };

    internal void RegisterSent() => Interlocked.Increment(ref _registersSent);

    internal void RegisterRetransmit() => Interlocked.Increment(ref _registerRetransmits);

    internal void RegistrationRoundFailed() => Interlocked.Increment(ref _registrationRoundsFailed);

    internal void NotifyVerified() => Interlocked.Increment(ref _notifiesVerified);

    internal void NotifyRejected() => Interlocked.Increment(ref _notifiesRejected);

    internal void NotifyLate() => Interlocked.Increment(ref _notifiesLate);

    internal void NotifyUnsolicited() => Interlocked.Increment(ref _notifiesUnsolicited);

    internal void NotifyAckSent() => Interlocked.Increment(ref _notifyAcksSent);

    internal void RequestReceived() => Interlocked.Increment(ref _requestsReceived);

    internal void RequestAnswered() => Interlocked.Increment(ref _requestsAnswered);

    internal void RequestNotOurs() => Interlocked.Increment(ref _requestsNotOurs);

    internal void ProbeAnswered() => Interlocked.Increment(ref _probesAnswered);

    internal void SmrIgnored() => Interlocked.Increment(ref _smrsIgnored);

    internal void SmrSent() => Interlocked.Increment(ref _smrsSent);

    internal void SmrAnswered() => Interlocked.Increment(ref _smrsAnswered);

    internal void SmrGivenUp() => Interlocked.Increment(ref _smrsGivenUp);

    internal void RequesterEvicted() => Interlocked.Increment(ref _requestersEvicted);

    internal void MappingChangeApplied() => Interlocked.Increment(ref _mappingChangesApplied);

    internal void MappingChangeIgnored() => Interlocked.Increment(ref _mappingChangesIgnored);

    internal void Malformed() => Interlocked.Increment(ref _malformedDropped);

    internal void Unsupported() => Interlocked.Increment(ref _unsupportedDropped);
}
