using System.Net;
using Microsoft.Extensions.Logging;

namespace Loci.Transport;

/// <summary>
/// The UDP layer's log events, ids 100-199 (README.md, "Logs and metrics"). Start and stop are
/// Information; drops, send failures and exceptions are Warning/Error but aggregated
/// (<see cref="RoleRunner.ReportInterval"/>: the first at once, then at most one line per interval
/// with the count), because each can repeat per datagram; single datagrams are Trace (the roles log
/// what they make of them at Debug).
/// </summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Role} listening on {Endpoints} ({Queues})")]
    public static partial void RoleStarted(ILogger logger, string role, IReadOnlyList<IPEndPoint> endpoints, string queues);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Role} stopped: {Processed} datagram(s) processed, {Dropped} dropped, {Errors} role error(s)")]
    public static partial void RoleStopped(ILogger logger, string role, long processed, long dropped, long errors);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Role} did not drain its queues within {Timeout}")]
    public static partial void DrainTimedOut(ILogger logger, string role, TimeSpan timeout);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "{Role} {Queue} queue is full ({Capacity} datagrams): {Dropped} datagram(s) dropped since the last report")]
    public static partial void QueueFull(ILogger logger, string role, string queue, int capacity, long dropped);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "{Role} threw on a {MessageType} datagram from {Source} ({Errors} error(s) on the {Queue} queue since the last report); the datagram was skipped")]
    public static partial void RoleThrew(ILogger logger, string role, string messageType, IPEndPoint source, long errors, string queue, Exception exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "{Role} threw in its timer ({Errors} error(s) on the {Queue} queue since the last report)")]
    public static partial void TimerThrew(ILogger logger, string role, long errors, string queue, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "The receive handler of {Endpoint} threw ({Errors} error(s) since the last report); the datagram was skipped")]
    public static partial void HandlerThrew(ILogger logger, IPEndPoint endpoint, long errors, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "{Endpoint} cannot send to {Destination}: {Error} ({Failures} failure(s) since the last report)")]
    public static partial void SendFailed(ILogger logger, IPEndPoint endpoint, IPEndPoint destination, string error, long failures);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error, Message = "The receive loop of {Endpoint} stopped")]
    public static partial void ReceiveLoopFailed(ILogger logger, IPEndPoint endpoint, Exception exception);

    [LoggerMessage(EventId = 109, Level = LogLevel.Trace, Message = "{Length} bytes from {Source} on {Endpoint}")]
    public static partial void DatagramReceived(ILogger logger, int length, IPEndPoint source, IPEndPoint endpoint);

    [LoggerMessage(EventId = 110, Level = LogLevel.Trace, Message = "{Length} bytes to {Destination} from {Endpoint}")]
    public static partial void DatagramSent(ILogger logger, int length, IPEndPoint destination, IPEndPoint endpoint);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "{Role}: {Errors} more role error(s) on the {Queue} queue since the last report")]
    public static partial void RoleErrorsSummary(ILogger logger, string role, long errors, string queue);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "The receive handler of {Endpoint}: {Errors} more error(s) since the last report")]
    public static partial void HandlerErrorsSummary(ILogger logger, IPEndPoint endpoint, long errors);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "{Endpoint}: {Failures} more send failure(s) since the last report")]
    public static partial void SendFailuresSummary(ILogger logger, IPEndPoint endpoint, long failures);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning, Message = "No socket of the address family of {Destination} to send from: {Dropped} datagram(s) dropped since the last report")]
    public static partial void NoSocket(ILogger logger, IPEndPoint destination, long dropped);
}
