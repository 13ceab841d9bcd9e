using System.Diagnostics;
using System.Text;

namespace Loci.Bench.SeedEval;

/// <summary>
/// Starts this same <c>loci</c> build as a child process (<c>dotnet loci.dll ARGS</c>, optionally
/// under taskset), with stdout and stderr captured in the background so a chatty child never
/// blocks on a full pipe. Dispose kills it (and its children) if it still runs.
/// </summary>
internal sealed class LociProcess : IDisposable
{
    private const int KeptErrorChars = 4000;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private LociProcess(Process process)
    {
        _process = process;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The command line, for the summary and error messages.</summary>
    public required string CommandLine { get; init; }

    public static LociProcess Start(IReadOnlyList<string> prefix, IEnumerable<string> args)
    {
        var (host, hostArgs) = Host();
        var command = prefix.Count > 0 ? prefix[0] : host;
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var all = prefix.Skip(1).Concat(prefix.Count > 0 ? [host] : []).Concat(hostArgs).Concat(args).ToList();
        foreach (var arg in all)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var child = new LociProcess(process) { CommandLine = string.Join(' ', [command, .. all]) };
        process.OutputDataReceived += (_, e) => Append(child._stdout, e.Data, int.MaxValue);
        process.ErrorDataReceived += (_, e) => Append(child._stderr, e.Data, KeptErrorChars);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the exit; false (and the process killed) when it takes longer than <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            return false;
        }

        _process.WaitForExit(); // flushes the asynchronous readers
        return true;
    }

    public int ExitCode => _process.ExitCode;

    public string Output()
    {
        lock (_stdout)
        {
            return _stdout.ToString();
        }
    }

    /// <summary>The end of what the child wrote on stderr.</summary>
    public string Errors()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>
    /// How to run loci.dll: through the dotnet host that runs this process when it is one, else
    /// the one the SDK names (DOTNET_HOST_PATH, set under <c>dotnet test</c>), else dotnet on PATH.
    /// </summary>
    private static (string Host, string[] Args) Host()
    {
        var dll = typeof(LociProcess).Assembly.Location;
        var current = Environment.ProcessPath;
        var host = current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet"
            ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } sdkHost ? sdkHost : "dotnet";
        return (host, [dll]);
    }

    private static void Append(StringBuilder buffer, string? line, int keep)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
            if (buffer.Length > keep)
            {
                buffer.Remove(0, buffer.Length - keep);
            }
        }
    }
}
