using System.Runtime.InteropServices;
using Loci.Cli;
using Loci.Config;
using Loci.Transport;
using Microsoft.Extensions.Logging;

namespace Loci.Node;

/// <summary>
/// `loci run --config FILE [--log-level LEVEL]`: runs the configured roles until Ctrl-C or SIGTERM.
/// Everything it says once running goes through the log (default level information, one line per
/// event); command-line and start-up errors go to stderr with an exit code.
/// </summary>
internal static class RunCommand
{
    private const string Usage = "usage: loci run --config FILE [--log-level " + ConsoleLogging.LevelNames + "]   (a JSON node configuration; see README.md)";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!ConsoleLogging.TryTakeLevel(ref args, LogLevel.Information, out var level, out var levelError))
        {
            stderr.WriteLine($"loci run: {levelError}");
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (args is not [("--config" or "-c"), _])
        {
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        var path = args[1];
        NodeConfig config;
        try
        {
            config = NodeConfigLoader.Load(path);
        }
        catch (Exception ex) when (ex is ConfigException or IOException)
        {
            stderr.WriteLine($"loci run: {ex.Message}");
            return ex is IOException ? ExitCodes.IoError : ExitCodes.Usage;
        }

        using var loggers = ConsoleLogging.Create(level);
        var logger = loggers.CreateLogger(typeof(RunCommand).FullName!);
        NodeLog.ConfigLoaded(logger, path);
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        LociNode node;
        try
        {
            node = LociNode.Start(config, TimeProvider.System, loggers);
        }
        catch (EndpointBindException ex)
        {
            stderr.WriteLine($"loci run: {ex.Message}");
            return ExitCodes.IoError;
        }

        using (node)
        {
            Api.NodeApi api;
            try
            {
                api = Api.NodeApi.StartAsync(config.Api, [node]).GetAwaiter().GetResult();
            }
            catch (EndpointBindException ex)
            {
                stderr.WriteLine($"loci run: {ex.Message}");
                return ExitCodes.IoError;
            }

            using var stopApi = new ApiLifetime(api);
            NodeLog.ApiListening(logger, api.Endpoint);
            stop.Token.WaitHandle.WaitOne();
        }

        return ExitCodes.Ok;
    }

    /// <summary>Stops the API when the node stops.</summary>
    private sealed class ApiLifetime(Api.NodeApi api) : IDisposable
    {
        public void Dispose() => api.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
