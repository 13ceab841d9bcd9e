using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Loci.Cli;
using Loci.Config;
using Loci.Diagnostics;
using Loci.Node;
using Loci.Transport;
using Loci.Wire;
using Loci.Wire.Formatting;
using Microsoft.Extensions.Logging;

namespace Loci.Demo;

/// <summary>
/// `loci demo [--keep-running] [--log-level LEVEL]`: starts a whole LISP network on loopback (DDT
/// root, DDT node, two map-servers, a map-resolver on IPv4 and IPv6), registers the demo sites,
/// resolves seven EIDs through the map-resolver and prints each answer, who gave it and the latency.
/// Exits 0 when every answer is the one documented in the README. The nodes log to the console at
/// warning and above unless told otherwise, so the demo's own output stays readable.
/// </summary>
internal static class DemoCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RegisterPeriod = TimeSpan.FromSeconds(60);

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

            stdout.WriteLine();
            if (!RegisterAll(stdout, stderr))
            {
                return ExitCodes.Malformed;
            }

            stdout.WriteLine();
            var ok = LookupAll(stdout);
            stdout.WriteLine();
            stdout.WriteLine(ok ? "demo: every answer is as documented." : "demo: some answers differ from the documented ones (see above).");
            stdout.Flush();
            if (keepRunning)
            {
                var api = Api.NodeApi.StartAsync(new IPEndPoint(IPAddress.Loopback, 9242), nodes).GetAwaiter().GetResult();

                // Registrations live 3 minutes (RFC 9301 §8.2): re-register every 60 s, as an ETR does.
                using var refresh = new Timer(_ => RegisterAll(TextWriter.Null, TextWriter.Null), null, RegisterPeriod, RegisterPeriod);
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
            stderr.WriteLine($"loci demo: {ex.Message}. The demo needs UDP port 4342 on 127.0.0.10, .11, .20, .21, .30 and [::1]; stop whatever holds it.");
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

    private static bool RegisterAll(TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine("Registrations (built-in registrar, proxy-reply, want-map-notify):");
        foreach (var registration in DemoRegistration.All)
        {
            using var key = registration.Key();
            var nonce = ProbeSocket.NewNonce();
            var bytes = registration.ToMessage(nonce).ToSignedArray(key);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(registration.Rlocs[0], 0));
            socket.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
            var server = new IPEndPoint(registration.MapServer, LispPorts.ControlPlane);
            var notified = false;
            for (var attempt = 0; attempt < 3 && !notified; attempt++)
            {
                socket.SendTo(bytes, server);
                notified = AwaitNotify(socket, key, nonce);
            }

            var algorithm = registration.Sha1 ? "hmac-sha1" : "hmac-sha256";
            stdout.WriteLine($"  {registration.Prefix,-18} {registration.Site} -> {registration.MapServer} ({algorithm}): {(notified ? "map-notify verified" : "NO MAP-NOTIFY")}");
            if (!notified)
            {
                stderr.WriteLine($"loci demo: the map-server at {registration.MapServer} did not confirm {registration.Prefix}.");
                return false;
            }
        }

        return true;
    }

    private static bool AwaitNotify(Socket socket, AuthenticationKey key, ulong nonce)
    {
        var buffer = new byte[1500];
        try
        {
            while (true)
            {
                var length = socket.Receive(buffer);
                var datagram = buffer.AsSpan(0, length);
                if (LispMessage.TryParse(datagram, out var message, out _) && message is MapNotify notify && notify.Nonce == nonce)
                {
                    return key.Verify(datagram) == AuthResult.Valid;
                }
            }
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool LookupAll(TextWriter stdout)
    {
        stdout.WriteLine("Lookups through the map-resolver (ECM Map-Request, as lig sends it):");
        var allAsDocumented = true;
        foreach (var lookup in DemoLookup.All)
        {
            using var probe = ProbeSocket.Open(lookup.Resolver);
            var nonce = ProbeSocket.NewNonce();
            var reply = probe.Exchange(probe.Request(lookup.Eid, nonce, ddtOriginated: false), lookup.Resolver, nonce, Timeout);
            var record = (reply?.Message as MapReply)?.Records.FirstOrDefault();
            var positive = record is { IsNegative: false };
            var asDocumented = record is not null && positive == lookup.ExpectPositive;
            allAsDocumented &= asDocumented;
            var answer = record switch
            {
                null => "no answer",
                { IsNegative: true } => $"negative {record.Prefix} {FormatNames.ActionName(record.Action)} ttl {record.Ttl} min",
                _ => $"{record.Prefix} [{string.Join(", ", record.Locators.Select(l => $"{l.Rloc} {l.Priority}/{l.Weight}"))}] ttl {record.Ttl} min",
            };
            var who = reply is null ? string.Empty : $" from {ProbeText.Endpoint(reply.From)} in {ProbeText.Milliseconds(reply.RoundTrip)}";
            stdout.WriteLine($"  {lookup.Eid,-15} -> {answer}{who}  ({lookup.Expectation}{(asDocumented ? string.Empty : "; UNEXPECTED")})");
        }

        return allAsDocumented;
    }

    private static void WaitForCtrlC(TextWriter stdout)
    {
        using var stop = new ManualResetEventSlim();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        stdout.WriteLine("keep-running: the network stays up; try `loci lig 10.2.0.7 --mr 127.0.0.30` or `loci show registrations`");
        stdout.WriteLine("(API on http://127.0.0.1:9242/api/). Ctrl-C to stop.");
        stdout.Flush();
        stop.Wait();
    }
}
