using System.Net.Sockets;
using Loci.Cli;
using Loci.Wire;

namespace Loci.Diagnostics;

/// <summary>
/// <c>loci lig EID --mr ADDRESS</c>: sends an ECM Map-Request to a Map-Resolver (or Map-Server) and
/// prints who answered, the round-trip time, the mapping record and its locators, like the
/// classic lig tool. Exit 0 when every probe was answered (a negative answer is an answer), 1 when
/// one timed out, 2 on a bad command line.
/// </summary>
internal static class LigCommand
{
    public const string Usage = "usage: loci lig EID --mr ADDRESS [--port 4342] [--timeout 2s] [--count N]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["-h" or "--help" or "help", ..])
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (!ProbeArguments.TryParse(args, "--mr", out var options, out var error))
        {
            stderr.WriteLine($"loci lig: {error}");
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        try
        {
            using var socket = ProbeSocket.Open(options.Server);
            var failures = 0;
            for (var i = 0; i < options.Count; i++)
            {
                var nonce = ProbeSocket.NewNonce();
                stdout.WriteLine($"Send map-request to {ProbeText.Endpoint(options.Server)} for {options.Eid} (nonce 0x{nonce:x16}) ...");
                var reply = socket.Exchange(socket.Request(options.Eid, nonce, ddtOriginated: false), options.Server, nonce, options.Timeout);
                if (reply?.Message is not MapReply mapReply)
                {
                    stdout.WriteLine($"*** No map-reply received within {ProbeText.Milliseconds(options.Timeout)}");
                    failures++;
                    continue;
                }

                stdout.WriteLine($"Received map-reply from {ProbeText.Endpoint(reply.From)} with rtt {ProbeText.Milliseconds(reply.RoundTrip)}");
                stdout.WriteLine($"Mapping entry for EID '{options.Eid}':");
                foreach (var record in mapReply.Records)
                {
                    ProbeText.WriteRecord(stdout, record);
                }
            }

            return failures == 0 ? ExitCodes.Ok : ExitCodes.Malformed;
        }
        catch (SocketException e)
        {
            stderr.WriteLine($"loci lig: cannot reach {ProbeText.Endpoint(options.Server)}: {e.Message}");
            return ExitCodes.IoError;
        }
    }
}
