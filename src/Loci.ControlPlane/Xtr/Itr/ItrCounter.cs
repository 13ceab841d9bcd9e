namespace Loci.ControlPlane.Xtr;

/// <summary>What an <see cref="Itr"/> counts.</summary>
public enum ItrCounter
{
    /// <summary>Datagrams handed to Receive.</summary>
    DatagramsReceived,

    /// <summary>Datagrams that do not parse (truncated, bad lengths, garbage).</summary>
    MalformedDropped,

    /// <summary>Well-formed messages an ITR does not handle (Map-Register, ECM, Map-Request without S ...).</summary>
    UnsupportedDropped,

    /// <summary>Lookups answered from a positive entry with a usable locator.</summary>
    CacheHits,

    /// <summary>Lookups that found no (live) entry.</summary>
    CacheMisses,

    /// <summary>Lookups answered from a negative entry.</summary>
    NegativeHits,

    /// <summary>Lookups that found a positive entry whose locators are all down, unusable or priority 255.</summary>
    NoUsableLocator,

    /// <summary>Negative answers given with a Proxy-ETR as the locator (RFC 6832).</summary>
    ProxyEtrAnswers,

    /// <summary>First transmissions of Map-Requests to a Map-Resolver (SMR-invoked ones included).</summary>
    RequestsSent,

    /// <summary>Retransmissions after silence (RFC 9301 §5.3 exponential backoff).</summary>
    Retransmissions,

    /// <summary>Moves to the next Map-Resolver after the current one stayed silent through every retry.</summary>
    Failovers,

    /// <summary>Map-Requests held back because one for the same EID left less than MinRequestInterval ago.</summary>
    DeferredByRateLimit,

    /// <summary>Map-Replies whose nonce matched an outstanding Map-Request.</summary>
    RepliesAccepted,

    /// <summary>Map-Replies whose nonce matched no outstanding Map-Request or RLOC-probe.</summary>
    UnknownNonceDropped,

    /// <summary>EID-records cached (positive and negative).</summary>
    RecordsCached,

    /// <summary>Negative EID-records cached.</summary>
    NegativeRecordsCached,

    /// <summary>EID-records with TTL 0 (RFC 9301 §5.4: remove now).</summary>
    RecordsWithdrawn,

    /// <summary>EID-records not cached: the EID is not an IPv4/IPv6 prefix, or the map-cache is full.</summary>
    RecordsRejected,

    /// <summary>Locator records skipped because their address is not an IPv4/IPv6 RLOC (LCAF paths, names ...).</summary>
    LocatorsSkipped,

    /// <summary>Resolutions that got no answer from any Map-Resolver after every retry.</summary>
    ResolutionsFailed,

    /// <summary>Misses not resolved because MaxPendingRequests resolutions were already queued or under way.</summary>
    PendingLimitDrops,

    /// <summary>Solicit-Map-Requests received (RFC 9301 §6.1).</summary>
    SmrsReceived,

    /// <summary>SMRs for EIDs the map-cache does not hold: counted and ignored.</summary>
    SmrsIgnored,

    /// <summary>SMR-invoked Map-Requests (s bit) sent through a Map-Resolver.</summary>
    SmrInvokedSent,

    /// <summary>RLOC-probes sent (RFC 9301 §6.3.2).</summary>
    ProbesSent,

    /// <summary>RLOC-probe replies matched to an outstanding probe.</summary>
    ProbesAnswered,

    /// <summary>RLOC-probes that met silence for ProbeTimeout.</summary>
    ProbesLost,

    /// <summary>Locators marked down after ProbeMissesToDown lost probes.</summary>
    LocatorsDown,

    /// <summary>Locators marked up again by an answered probe.</summary>
    LocatorsUp,

    /// <summary>Entries evicted because their TTL ran out.</summary>
    EvictedTtl,

    /// <summary>Entries evicted after IdleTimeout without a lookup.</summary>
    EvictedIdle,
}
