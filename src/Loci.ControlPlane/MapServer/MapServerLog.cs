using System.Net;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// The Map-Server's log events, ids 200-299 (the id ranges per area are listed in README.md, "Logs
/// and metrics"). Information and Warning are for what an operator acts on: registrations that
/// appear, are withdrawn or expire, and sites that fail authentication or policy (aggregated per site,
/// see <see cref="MapServer.WarningInterval"/>). Everything that happens per datagram is Debug: the
/// generated methods test IsEnabled first and format nothing when Debug is off.
/// </summary>
internal static partial class MapServerLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Dropped a malformed datagram of {Length} bytes from {Source}: {Error}")]
    public static partial void Malformed(ILogger logger, int length, IPEndPoint source, WireError error);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Dropped a {MessageType} message from {Source}: {Reason}")]
    public static partial void Unsupported(ILogger logger, MessageType messageType, IPEndPoint source, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Dropped a Map-Register from {Source}: its first EID-prefix belongs to no site")]
    public static partial void RegisterForNoSite(ILogger logger, IPEndPoint source);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Site '{Site}': {Failures} Map-Register(s) failed authentication since the last report; the last from {Source} with key ID {KeyId} and {Algorithm}")]
    public static partial void AuthenticationFailed(ILogger logger, string site, long failures, IPEndPoint source, byte keyId, AuthAlgorithm algorithm);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Site '{Site}': {Rejections} authenticated Map-Register(s) rejected by site policy since the last report; the last from {Source} for {Prefix} (outside the site's prefixes, a more-specific the site does not accept, or an RLOC outside allowed_rlocs)")]
    public static partial void RegisterRejected(ILogger logger, string site, long rejections, IPEndPoint source, EidPrefix prefix);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Site '{Site}' registered {Prefixes} from {Source}")]
    public static partial void Registered(ILogger logger, string site, IReadOnlyList<EidPrefix> prefixes, IPEndPoint source);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "Site '{Site}' withdrew {Prefixes} (Map-Register from {Source})")]
    public static partial void Deregistered(ILogger logger, string site, IReadOnlyList<EidPrefix> prefixes, IPEndPoint source);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Site '{Site}': the registration of {Prefix} from {Source} expired (no Map-Register for {Lifetime})")]
    public static partial void Expired(ILogger logger, string site, EidPrefix prefix, IPEndPoint source, TimeSpan lifetime);

    [LoggerMessage(EventId = 208, Level = LogLevel.Debug, Message = "Map-Register from {Source} for site '{Site}' accepted: {Records} record(s), fast refresh {FastRefresh}")]
    public static partial void RegisterAccepted(ILogger logger, IPEndPoint source, string site, int records, bool fastRefresh);

    [LoggerMessage(EventId = 209, Level = LogLevel.Debug, Message = "Map-Notify sent to {Destination} (nonce {Nonce:x16})")]
    public static partial void NotifySent(ILogger logger, IPEndPoint destination, ulong nonce);

    [LoggerMessage(EventId = 210, Level = LogLevel.Debug, Message = "Map-Request for {Eid} from {Source} (nonce {Nonce:x16}, DDT {Ddt})")]
    public static partial void RequestReceived(ILogger logger, EidPrefix eid, IPEndPoint source, ulong nonce, bool ddt);

    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "Proxy Map-Reply for {Prefix} sent to {Destination}")]
    public static partial void ProxyReplySent(ILogger logger, EidPrefix prefix, IPEndPoint destination);

    [LoggerMessage(EventId = 212, Level = LogLevel.Debug, Message = "Map-Request for {Eid} forwarded to the ETR at {Etr}")]
    public static partial void Forwarded(ILogger logger, EidPrefix eid, IPEndPoint etr);

    [LoggerMessage(EventId = 213, Level = LogLevel.Debug, Message = "Negative Map-Reply for {Prefix} (TTL {Ttl} min) sent to {Destination}")]
    public static partial void NegativeReplySent(ILogger logger, EidPrefix prefix, uint ttl, IPEndPoint destination);

    [LoggerMessage(EventId = 214, Level = LogLevel.Debug, Message = "Map-Referral {Action} for {Prefix} sent to {Destination}")]
    public static partial void ReferralSent(ILogger logger, ReferralAction action, EidPrefix prefix, IPEndPoint destination);
}
