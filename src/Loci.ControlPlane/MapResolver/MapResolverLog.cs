using System.Net;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// The Map-Resolver's log events, ids 300-399 (README.md, "Logs and metrics"). Per-request and
/// per-datagram events are Debug. Giving up on a request is an operational fault (a DDT node or
/// Map-Server that does not answer, a referral loop), so it is a Warning, but aggregated: a dead
/// node fails every request under it, and the log gets one line per interval with the count
/// (<see cref="MapResolver.WarningInterval"/>), each failure still at Debug.
/// </summary>
internal static partial class MapResolverLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Dropped a malformed datagram of {Length} bytes from {Source}: {Error}")]
    public static partial void Malformed(ILogger logger, int length, IPEndPoint source, WireError error);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Dropped a {MessageType} message from {Source}: {Reason}")]
    public static partial void Unsupported(ILogger logger, MessageType messageType, IPEndPoint source, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "Map-Request for {Eid} from ITR {Itr} (nonce {Nonce:x16})")]
    public static partial void RequestReceived(ILogger logger, EidPrefix eid, IPEndPoint itr, ulong nonce);

    [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "Map-Request for {Eid} forwarded to the Map-Server at {MapServer}")]
    public static partial void ForwardedToMapServer(ILogger logger, EidPrefix eid, IPEndPoint mapServer);

    [LoggerMessage(EventId = 304, Level = LogLevel.Debug, Message = "DDT Map-Request for {Eid} sent to {Target} (nonce {Nonce:x16}, attempt {Attempt})")]
    public static partial void DdtRequestSent(ILogger logger, EidPrefix eid, IPEndPoint target, ulong nonce, int attempt);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "Map-Referral {Action} for {Prefix} from {Source} (nonce {Nonce:x16})")]
    public static partial void ReferralReceived(ILogger logger, ReferralAction action, EidPrefix prefix, IPEndPoint source, ulong nonce);

    [LoggerMessage(EventId = 306, Level = LogLevel.Debug, Message = "Ignored a Map-Referral from {Source} (nonce {Nonce:x16}): {Reason}")]
    public static partial void ReferralIgnored(ILogger logger, IPEndPoint source, ulong nonce, string reason);

    [LoggerMessage(EventId = 307, Level = LogLevel.Debug, Message = "Negative Map-Reply for {Prefix} (TTL {Ttl} min) sent to {Itr}")]
    public static partial void NegativeReplySent(ILogger logger, EidPrefix prefix, uint ttl, IPEndPoint itr);

    [LoggerMessage(EventId = 308, Level = LogLevel.Debug, Message = "Gave up resolving {Eid} for ITR {Itr}: {Reason}")]
    public static partial void GaveUp(ILogger logger, EidPrefix eid, IPEndPoint itr, string reason);

    [LoggerMessage(EventId = 309, Level = LogLevel.Warning, Message = "Gave up on {Failures} request(s) since the last report; the last: {Eid} for ITR {Itr}, {Reason}, last asked {LastAsked}")]
    public static partial void GaveUpSummary(ILogger logger, long failures, EidPrefix eid, IPEndPoint itr, string reason, IPEndPoint? lastAsked);

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "The pending request list is full ({Limit} requests): dropped {Dropped} request(s) since the last report")]
    public static partial void PendingListFull(ILogger logger, int limit, long dropped);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "The referral cache is full ({Limit} entries): {Skipped} referral(s) not cached since the last report")]
    public static partial void ReferralCacheFull(ILogger logger, int limit, long skipped);

    [LoggerMessage(EventId = 312, Level = LogLevel.Debug, Message = "No answer from {Target} for {Eid} after {Attempts} attempt(s); trying the next referral locator")]
    public static partial void LocatorTimedOut(ILogger logger, IPEndPoint target, EidPrefix eid, int attempts);
}
