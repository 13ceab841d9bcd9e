using System.Net;
using System.Net.Sockets;
using Loci.Cli;
using Loci.Wire;
using Loci.Wire.Formatting;

namespace Loci.Diagnostics;

/// <summary>
/// <c>loci rig EID --ddt ADDRESS</c>: walks the DDT tree (RFC 8111) from ADDRESS with DDT-originated
/// ECM Map-Requests (D bit), printing each Map-Referral hop, and follows NODE-REFERRAL and
/// MS-REFERRAL until MS-ACK, MS-NOT-REGISTERED, DELEGATION-HOLE or NOT-AUTHORITATIVE. Exit 0 on
/// such a final answer, 1 on a timeout, a referral loop or the hop limit, 2 on a bad command line.
/// </summary>
internal static class RigCommand
{
    public const string Usage = "usage: loci rig EID --ddt ADDRESS [--port 4342] [--timeout 2s] [--hops 10]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["-h" or "--help" or "help", ..])
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (!ProbeArguments.TryParse(args, "--ddt", out var options, out var error))
        {
            stderr.WriteLine($"loci rig: {error}");
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        var target = options.Server;
        var visited = new HashSet<IPEndPoint>();
        stdout.WriteLine($"Send DDT map-request to {ProbeText.Endpoint(target)} for {options.Eid} ...");
        for (var hop = 1; hop <= options.MaxHops; hop++)
        {
            if (!visited.Add(target))
            {
                stdout.WriteLine($"*** Referral loop: {ProbeText.Endpoint(target)} was already asked");
                return ExitCodes.Malformed;
            }

            ProbeReply? reply;
            try
            {
                using var socket = ProbeSocket.Open(target);
                var nonce = ProbeSocket.NewNonce();
                reply = socket.Exchange(socket.Request(options.Eid, nonce, ddtOriginated: true), target, nonce, options.Timeout);
            }
            catch (SocketException e)
            {
                stderr.WriteLine($"loci rig: cannot reach {ProbeText.Endpoint(target)}: {e.Message}");
                return ExitCodes.IoError;
            }

            if (reply?.Message is not MapReferral referral || referral.Records.Count == 0)
            {
                stdout.WriteLine(reply is null
                    ? $"[{hop}] {ProbeText.Endpoint(target)}  *** no map-referral within {ProbeText.Milliseconds(options.Timeout)}"
                    : $"[{hop}] {ProbeText.Endpoint(reply.From)}  *** unexpected answer: {MessageFormatter.Summary(reply.Message)}");
                return ExitCodes.Malformed;
            }

            var record = referral.Records[0];
            stdout.WriteLine($"[{hop}] {ProbeText.Endpoint(reply.From)}  {FormatNames.ReferralActionName(record.Action)}  {record.Prefix}  rtt {ProbeText.Milliseconds(reply.RoundTrip)}");
            foreach (var each in referral.Records)
            {
                ProbeText.WriteReferral(stdout, each);
            }

            if (record.Action is not (ReferralAction.NodeReferral or ReferralAction.MsReferral))
            {
                return ExitCodes.Ok;
            }

            if (NextHop(record, target.Port) is not { } next)
            {
                stdout.WriteLine("*** The referral names no usable locator");
                return ExitCodes.Malformed;
            }

            target = next;
        }

        stdout.WriteLine($"*** Hop limit {options.MaxHops} reached");
        return ExitCodes.Malformed;
    }

    /// <summary>The preferred referral locator (lowest priority value, reachable, IPv4 or IPv6) on the port being used.</summary>
    private static IPEndPoint? NextHop(ReferralRecord record, int port) =>
        record.Referrals
            .Where(r => r.Reachable && r.Rloc is InetAddress)
            .OrderBy(r => r.Priority)
            .Select(r => new IPEndPoint(((InetAddress)r.Rloc).Ip, port))
            .FirstOrDefault();
}
