using System.Net;
using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;

namespace Loci.ControlPlane.Ddt;

/// <summary>
/// The DDT node's log events, ids 400-499 (README.md, "Logs and metrics"). A DDT node's configuration
/// is static and it keeps no state per client, so all it has to say is per datagram: Debug.
/// </summary>
internal static partial class DdtNodeLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "Dropped a malformed datagram of {Length} bytes from {Source}: {Error}")]
    public static partial void Malformed(ILogger logger, int length, IPEndPoint source, WireError error);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Dropped a {MessageType} message from {Source}: {Reason}")]
    public static partial void Unsupported(ILogger logger, MessageType messageType, IPEndPoint source, string reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "Answered {Eid} for {Client} with {Action} {Prefix} (nonce {Nonce:x16})")]
    public static partial void Answered(ILogger logger, EidPrefix eid, IPEndPoint client, ReferralAction action, string prefix, ulong nonce);
}
