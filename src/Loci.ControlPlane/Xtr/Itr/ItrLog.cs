using System.Net;
using Loci.Prefixes;
using Microsoft.Extensions.Logging;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// The ITR's log events (source-generated, DESIGN.md §5). Event ids 5100-5199 belong to the ITR.
/// Per-packet and per-EID events are Debug (a dead mapping system would otherwise log one line per
/// missed destination); state changes an operator acts on are Information: a locator down or up, a
/// new preferred Map-Resolver, the mapping system falling silent or answering again.
/// </summary>
internal static partial class ItrLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Malformed datagram from {Source} dropped")]
    public static partial void Malformed(ILogger logger, IPEndPoint source);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Map-Request for {Eid} (nonce {Nonce:x16}, attempt {Attempt}{SmrInvoked}) sent to Map-Resolver {Resolver}")]
    public static partial void RequestSent(ILogger logger, EidPrefix eid, ulong nonce, int attempt, string smrInvoked, IPEndPoint resolver);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Map-Request for {Eid} deferred {Delay} by the one-per-second rate limit")]
    public static partial void Deferred(ILogger logger, EidPrefix eid, TimeSpan delay);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "Map-Reply from {Source} with unknown nonce {Nonce:x16} dropped")]
    public static partial void UnknownNonce(ILogger logger, IPEndPoint source, ulong nonce);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "Map-cache {Prefix}: {Entry} (from {Source})")]
    public static partial void Cached(ILogger logger, EidPrefix prefix, MapCacheEntry entry, IPEndPoint source);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Debug, Message = "Map-Resolver {Resolver} silent for {Eid} after {Attempts} attempts; failing over to {Next}")]
    public static partial void Failover(ILogger logger, IPEndPoint resolver, EidPrefix eid, int attempts, IPEndPoint next);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Debug, Message = "Resolution of {Eid} failed: no Map-Resolver answered ({Resolvers} tried)")]
    public static partial void ResolutionFailed(ILogger logger, EidPrefix eid, int resolvers);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Debug, Message = "SMR from {Source} for {Eid} ignored: not in the map-cache")]
    public static partial void SmrIgnored(ILogger logger, IPEndPoint source, string eid);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Debug, Message = "SMR from {Source}: refreshing {Prefix} through the Map-Resolver")]
    public static partial void SmrAccepted(ILogger logger, IPEndPoint source, EidPrefix prefix);

    [LoggerMessage(EventId = 5109, Level = LogLevel.Information, Message = "Locator {Locator} of {Prefix} down after {Misses} unanswered RLOC-probes")]
    public static partial void LocatorDown(ILogger logger, IPAddress locator, EidPrefix prefix, int misses);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Locator {Locator} of {Prefix} up again (RLOC-probe answered in {Rtt})")]
    public static partial void LocatorUp(ILogger logger, IPAddress locator, EidPrefix prefix, TimeSpan rtt);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Debug, Message = "Map-cache {Prefix} evicted ({Reason})")]
    public static partial void Evicted(ILogger logger, EidPrefix prefix, string reason);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Debug, Message = "RLOC-probe reply for {Locator} of {Prefix}: rtt {Rtt}")]
    public static partial void ProbeAnswered(ILogger logger, IPAddress locator, EidPrefix prefix, TimeSpan rtt);

    [LoggerMessage(EventId = 5114, Level = LogLevel.Information, Message = "Map-Resolver {Resolver} is now the first one asked (the one before it stayed silent)")]
    public static partial void PreferredResolver(ILogger logger, IPEndPoint resolver);

    [LoggerMessage(EventId = 5115, Level = LogLevel.Information, Message = "No Map-Resolver answers: resolution of {Eid} failed after trying {Resolvers}; failed EIDs are held down for {HoldDown}")]
    public static partial void MappingSystemSilent(ILogger logger, EidPrefix eid, int resolvers, TimeSpan holdDown);

    [LoggerMessage(EventId = 5116, Level = LogLevel.Information, Message = "Map-Resolvers answer again (reply for {Eid} through {Resolver})")]
    public static partial void MappingSystemAnswering(ILogger logger, EidPrefix eid, IPEndPoint resolver);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Debug, Message = "Map-Reply from {Source} (nonce {Nonce:x16}): record {Record} not cached ({Reason})")]
    public static partial void RecordRejected(ILogger logger, IPEndPoint source, ulong nonce, string record, string reason);
}
