using Microsoft.Extensions.Logging;

namespace Loci.ControlPlane.Tests.Logging;

/// <summary>One captured log entry: level, event id, the formatted message and the structured values.</summary>
internal sealed record LogEntry(LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception);
