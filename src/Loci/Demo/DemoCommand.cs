using System.Net;
using System.Runtime.InteropServices;
using Loci.Cli;
using Loci.Config;
using Loci.Node;
using Loci.Transport;
using Microsoft.Extensions.Logging;

namespace Loci.Demo;

/// <summary>
/// `loci demo [--keep-running] [--log-level LEVEL]`: starts a whole LISP network on loopback (DDT
/// root, DDT node, two map-servers, a map-resolver on IPv4 and IPv6, four site xTRs and an ITR),
/// waits for the ETRs' registrations, resolves seven EIDs through the ITR and shows its map-cache,
/// then moves site2's mapping and shows the SMR refreshing the ITR's cache. Exits 0 when every
/// answer is the one documented in the README. The nodes log to the console at warning and above
/// unless told otherwise, so the demo's own output stays readable.
/// </summary>
internal static class DemoCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        const string Usage = "usage: loci demo [--keep-running] [--log-level " + ConsoleLogging.LevelNames + "]   (default log level: warning)";
        if (!ConsoleLogging.TryTakeLevel(ref args, LogLevel.Warning, out var level, out var levelError))
        {
            stderr.WriteLine($"loci demo: {levelError}");
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        var keepRunning = args is ["--keep-running"];
        if (args.Length > 0 && !keepRunning)
        {
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        using var loggers = ConsoleLogging.Create(level);
        var nodes = new List<LociNode>();
        try
        {
            foreach (var (name, json) in DemoTopology.Nodes)
            {
                nodes.Add(LociNode.Start(NodeConfigLoader.Parse(json, name), TimeProvider.System, loggers));
            }

            stdout.WriteLine("LISP network on loopback:");
            foreach (var (role, endpoint) in nodes.SelectMany(n => n.Listening))
            {
                stdout.WriteLine($"  {role,-13} {endpoint}");
            }

            var script = new DemoScript(nodes, stdout);
            stdout.WriteLine();
            if (!script.AwaitRegistrations())
            {
                stderr.WriteLine("loci demo: a map-server did not confirm a registration (see above).");
                return ExitCodes.Malformed;
            }

            stdout.WriteLine();
            var ok = script.LookupAll();
            stdout.WriteLine();
            script.ShowMapCache("ITR 127.0.0.100 map-cache:");
            stdout.WriteLine();
            ok &= script.MoveSite2();
            stdout.WriteLine();
            stdout.WriteLine(ok ? "demo: every answer is as documented." : "demo: some answers differ from the documented ones (see above).");
            stdout.Flush();
            if (keepRunning)
            {
                // The ETRs keep re-registering every 60 s on their own (RFC 9301 §8.2); the moved mapping stays.
                var api = Api.NodeApi.StartAsync(new IPEndPoint(IPAddress.Loopback, 9242), nodes).GetAwaiter().GetResult();
                try
                {
                    WaitForCtrlC(stdout);
                }
                finally
                {
                    api.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }

            return ok ? ExitCodes.Ok : ExitCodes.Malformed;
        }
        catch (EndpointBindException ex)
        {
            stderr.WriteLine($"loci demo: {ex.Message}. The demo needs UDP port 4342 on 127.0.0.10, .11, .20, .21, .30, .100-.105 and [::1]; stop whatever holds it.");
            return ExitCodes.IoError;
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    private static void WaitForCtrlC(TextWriter stdout)
    {
        using var stop = new ManualResetEventSlim();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        stdout.WriteLine("keep-running: the network stays up; try `loci lig 10.2.0.7 --mr 127.0.0.30`, `loci show map-cache`,");
        stdout.WriteLine("`loci map-cache resolve 10.3.0.7` or `loci database set 10.2.0.0/24 127.0.0.103`");
        stdout.WriteLine("(API on http://127.0.0.1:9242/api/). Ctrl-C to stop.");
        stdout.Flush();
        stop.Wait();
    }
}
