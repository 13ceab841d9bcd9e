using Microsoft.Extensions.Logging;

namespace Loci.Tests.Node;

/// <summary>One log entry a <see cref="CapturingLoggerProvider"/> saw.</summary>
internal sealed record CapturedEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
