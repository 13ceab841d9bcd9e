using System.Runtime.InteropServices;
using Loci.Cli;
using Loci.Config;
using Loci.Transport;

namespace Loci.Node;

/// <summary>`loci run --config FILE`: runs the configured roles until Ctrl-C or SIGTERM.</summary>
internal static class RunCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not [("--config" or "-c"), _])
        {
            stderr.WriteLine("usage: loci run --config FILE   (a JSON node configuration; see README.md)");
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

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        LociNode node;
        try
        {
            node = LociNode.Start(config, TimeProvider.System);
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
            foreach (var (role, endpoint) in node.Listening)
            {
                stdout.WriteLine($"{role} listening on {endpoint}");
            }

            stdout.WriteLine($"api on http://{config.Api}/api/ (loci show ... --api {config.Api})");

            stdout.WriteLine("running; Ctrl-C to stop");
            stdout.Flush();
            stop.Token.WaitHandle.WaitOne();
            stdout.WriteLine("stopping");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Stops the API when the node stops.</summary>
    private sealed class ApiLifetime(Api.NodeApi api) : IDisposable
    {
        public void Dispose() => api.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
