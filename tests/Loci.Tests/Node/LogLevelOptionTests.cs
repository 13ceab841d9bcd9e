using Loci.Cli;
using Loci.Demo;
using Loci.Node;
using Microsoft.Extensions.Logging;

namespace Loci.Tests.Node;

/// <summary>`--log-level` of `loci run` and `loci demo`: the six documented names, and a usage error for anything else.</summary>
public class LogLevelOptionTests
{
    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("information", LogLevel.Information)]
    [InlineData("Warning", LogLevel.Warning)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("none", LogLevel.None)]
    public void TryParseLevel_DocumentedNames_Parsed(string text, LogLevel expected)
    {
        Assert.True(ConsoleLogging.TryParseLevel(text, out var level));
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("info")]
    [InlineData("")]
    [InlineData("2")]
    public void TryParseLevel_Other_Rejected(string text) => Assert.False(ConsoleLogging.TryParseLevel(text, out _));

    [Fact]
    public void TryTakeLevel_Present_RemovedFromTheArguments()
    {
        string[] args = ["--log-level", "debug", "--config", "node.json"];

        Assert.True(ConsoleLogging.TryTakeLevel(ref args, LogLevel.Information, out var level, out _));
        Assert.Equal(LogLevel.Debug, level);
        Assert.Equal(["--config", "node.json"], args);
    }

    [Fact]
    public void TryTakeLevel_Absent_Default()
    {
        string[] args = ["--keep-running"];

        Assert.True(ConsoleLogging.TryTakeLevel(ref args, LogLevel.Warning, out var level, out _));
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal(["--keep-running"], args);
    }

    [Fact]
    public void Run_BogusLevel_UsageErrorNamingTheValueAndTheChoices()
    {
        var errors = new StringWriter();

        var exit = CommandLine.Run(["run", "--config", "node.json", "--log-level", "bogus"], new StringWriter(), errors);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown log level 'bogus'", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("trace|debug|information|warning|error|none", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LevelWithoutValue_UsageError()
    {
        var errors = new StringWriter();

        Assert.Equal(ExitCodes.Usage, CommandLine.Run(["run", "--config", "node.json", "--log-level"], new StringWriter(), errors));
        Assert.Contains("--log-level needs a value", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_BogusLevel_UsageErrorBeforeBindingAnything()
    {
        var errors = new StringWriter();

        Assert.Equal(ExitCodes.Usage, DemoCommand.Run(["--log-level", "loud"], new StringWriter(), errors));
        Assert.Contains("unknown log level 'loud'", errors.ToString(), StringComparison.Ordinal);
    }
}
