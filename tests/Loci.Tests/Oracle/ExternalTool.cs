using System.Diagnostics;

namespace Loci.Tests.Oracle;

/// <summary>
/// Runs the independent decoders (tshark, tcpdump) the oracle tests compare Loci's bytes with.
/// A missing tool fails the test with the command that installs it; nothing is skipped silently
/// (issue 2, acceptance). Every run is bounded in time and killed, with its children, on timeout.
/// </summary>
public static class ExternalTool
{
    public const string InstallHint = "run .ci/install-test-deps.sh (installs the Debian packages tshark and tcpdump)";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The absolute path of <paramref name="tool"/> on PATH; fails the test when it is not installed.</summary>
    public static string Require(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"'{tool}' is not installed or not on PATH; {InstallHint}.");
        return tool;
    }

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>; fails the test on timeout.</summary>
    public static ToolResult Run(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // tshark must not read the user's profile or touch the network: a fixed, empty config dir.
        start.Environment["WIRESHARK_CONFIG_DIR"] = Path.Combine(Path.GetTempPath(), "loci-oracle-wireshark");
        start.Environment["LC_ALL"] = "C";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{tool} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds:0} s and was killed.");
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
