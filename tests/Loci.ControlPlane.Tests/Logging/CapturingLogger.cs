using Microsoft.Extensions.Logging;

namespace Loci.ControlPlane.Tests.Logging;

/// <summary>An <see cref="ILogger"/> that keeps every entry at or above <see cref="Minimum"/>, formatted, for assertions. Thread-safe.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];

    public CapturingLogger(LogLevel minimum = LogLevel.Trace) => Minimum = minimum;

    public LogLevel Minimum { get; }

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Entries of one event id.</summary>
    public IReadOnlyList<LogEntry> Event(int id) => [.. Entries.Where(e => e.EventId == id)];

    /// <summary>Entries above Debug: what an operator sees at the default level.</summary>
    public IReadOnlyList<LogEntry> AboveDebug => [.. Entries.Where(e => e.Level > LogLevel.Debug)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= Minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
        var entry = new LogEntry(logLevel, eventId.Id, formatter(state, exception), values?.ToDictionary(v => v.Key, v => v.Value) ?? [], exception);
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
