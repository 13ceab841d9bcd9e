using System.Net;
using Loci.Prefixes;
using Microsoft.Extensions.Logging;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// The ETR's log events (event IDs 5000-5099). State changes at Information or Warning; anything
/// that happens per datagram at Debug only (DESIGN.md §5).
/// </summary>
internal static partial class EtrLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Registered with Map-Server {MapServer} at {Address}: {Prefixes} prefix(es) confirmed by Map-Notify")]
    public static partial void Registered(ILogger logger, string mapServer, IPEndPoint address, int prefixes);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Registration with Map-Server {MapServer} at {Address} failing: no verified Map-Notify after {Transmissions} transmission(s); next try in {RetryIn}")]
    public static partial void RegistrationFailing(ILogger logger, string mapServer, IPEndPoint address, int transmissions, TimeSpan retryIn);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Mapping of {Prefix} changed: {Locators} locator(s)")]
    public static partial void MappingChanged(ILogger logger, EidPrefix prefix, int locators);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Prefix {Prefix} added to the database with {Locators} locator(s)")]
    public static partial void PrefixAdded(ILogger logger, EidPrefix prefix, int locators);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Prefix {Prefix} removed from the database; withdrawing it from {MapServers} Map-Server(s)")]
    public static partial void PrefixRemoved(ILogger logger, EidPrefix prefix, int mapServers);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "{Change} of {Prefix} ignored: the prefix is not in the database")]
    public static partial void ChangeIgnored(ILogger logger, EtrMappingChangeKind change, EidPrefix prefix);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Sending Solicit-Map-Requests for {Prefix} to {Requesters} recent requester(s)")]
    public static partial void SmrsScheduled(ILogger logger, EidPrefix prefix, int requesters);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Map-Register to {MapServer}: nonce {Nonce:x16}, {Records} record(s), retransmission {Retransmission}")]
    public static partial void RegisterSent(ILogger logger, string mapServer, ulong nonce, int records, int retransmission);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Debug, Message = "Map-Notify from {Source} (nonce {Nonce:x16}) dropped: {Reason}")]
    public static partial void NotifyDropped(ILogger logger, IPEndPoint source, ulong nonce, string reason);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Debug, Message = "Unsolicited Map-Notify from {MapServer} (nonce {Nonce:x16}) acknowledged")]
    public static partial void NotifyAcknowledged(ILogger logger, string mapServer, ulong nonce);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Debug, Message = "Map-Request from {Source} for {Eid} dropped: not a local EID")]
    public static partial void RequestNotOurs(ILogger logger, IPEndPoint source, EidPrefix eid);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Debug, Message = "Datagram from {Source} dropped: {Reason}")]
    public static partial void Dropped(ILogger logger, IPEndPoint source, string reason);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Debug, Message = "Map-Reply for {Prefix} to {Destination} (probe {Probe})")]
    public static partial void ReplySent(ILogger logger, EidPrefix prefix, IPEndPoint destination, bool probe);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Debug, Message = "Solicit-Map-Request for {Prefix} to {Destination}, attempt {Attempt}")]
    public static partial void SmrSent(ILogger logger, EidPrefix prefix, IPEndPoint destination, int attempt);

    [LoggerMessage(EventId = 5017, Level = LogLevel.Debug, Message = "Gave up soliciting {Requester} for {Prefix}: no Map-Request after {Attempts} SMR(s)")]
    public static partial void SmrGivenUp(ILogger logger, EidPrefix prefix, IPAddress requester, int attempts);
}
