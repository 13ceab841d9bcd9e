using Microsoft.Extensions.Logging;

namespace Loci.Tests.Node;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every entry of every category, formatted, for
/// assertions on what a running node logs. Thread-safe (the node logs from its receive and worker threads).
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<CapturedEntry> _entries = [];

    public IReadOnlyList<CapturedEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>A factory that sends everything from <paramref name="minimum"/> up to this provider only.</summary>
    public ILoggerFactory Factory(LogLevel minimum) => LoggerFactory.Create(b => b.SetMinimumLevel(minimum).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(CapturedEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(new CapturedEntry(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}
