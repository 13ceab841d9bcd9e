using System.Net;
using Microsoft.Extensions.Logging;

namespace Loci.Node;

/// <summary>
/// The node's own log events, ids 1-99. The id ranges per area (README.md, "Logs and metrics"):
/// node 1-99, transport 100-199, Map-Server 200-299, Map-Resolver 300-399, DDT node 400-499.
/// </summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Node started: {Roles}")]
    public static partial void Started(ILogger logger, IReadOnlyList<string> roles);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Node stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Node stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Configuration {Path} loaded")]
    public static partial void ConfigLoaded(ILogger logger, string path);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Management API on http://{Endpoint}/api/ (loci show ... --api {Endpoint}); Ctrl-C to stop")]
    public static partial void ApiListening(ILogger logger, IPEndPoint endpoint);
}
