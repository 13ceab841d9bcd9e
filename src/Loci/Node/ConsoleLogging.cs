using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Loci.Node;

/// <summary>
/// The console logging of `loci run` and `loci demo`: Microsoft.Extensions.Logging with the console
/// provider (both in the ASP.NET Core shared framework the executable already uses), one line per
/// event with a UTC timestamp, the minimum level from <c>--log-level</c>.
/// </summary>
internal static class ConsoleLogging
{
    public const string LevelNames = "trace|debug|information|warning|error|none";

    /// <summary>Parses a <c>--log-level</c> value; the names of <see cref="LevelNames"/>, any case.</summary>
    public static bool TryParseLevel(string text, out LogLevel level)
    {
        level = text.ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" => LogLevel.Information,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "none" => LogLevel.None,
            _ => (LogLevel)(-1),
        };
        return level >= LogLevel.Trace;
    }

    /// <summary>
    /// Removes <c>--log-level LEVEL</c> from <paramref name="args"/>. False with <paramref name="error"/>
    /// set when the option has no value or an unknown one; <paramref name="level"/> keeps
    /// <paramref name="defaultLevel"/> when the option is absent.
    /// </summary>
    public static bool TryTakeLevel(ref string[] args, LogLevel defaultLevel, out LogLevel level, out string? error)
    {
        level = defaultLevel;
        error = null;
        var index = Array.IndexOf(args, "--log-level");
        if (index < 0)
        {
            return true;
        }

        if (index + 1 >= args.Length)
        {
            error = $"--log-level needs a value ({LevelNames})";
            return false;
        }

        if (!TryParseLevel(args[index + 1], out level))
        {
            error = $"unknown log level '{args[index + 1]}'; expected {LevelNames}";
            return false;
        }

        args = [.. args[..index], .. args[(index + 2)..]];
        return true;
    }

    /// <summary>
    /// A factory writing to the console at <paramref name="minimum"/> and above. Warnings and errors
    /// go to stderr, the rest to stdout. A full console queue drops lines rather than blocking: the
    /// roles log from their receive threads, which must never wait on a terminal.
    /// </summary>
    public static ILoggerFactory Create(LogLevel minimum) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(minimum);
        builder.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.UseUtcTimestamp = true;
            options.IncludeScopes = false;
        });
        builder.AddConsole(options =>
        {
            options.LogToStandardErrorThreshold = LogLevel.Warning;
            options.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite;
        });
    });
}
