using System.Diagnostics;
using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Bench.Load;

/// <summary>
/// <c>--register-first N</c>: registers the first N prefixes with P (proxy-reply, so the Map-Server
/// answers Map-Requests itself, RFC 9301 §8.3) and M (want-map-notify) set, and waits for the
/// Map-Notifies; prefixes left unconfirmed are sent again, up to <see cref="Attempts"/> times.
/// It runs on the same sockets as the measured phase, each prefix from its usual socket.
/// </summary>
internal static class RegistrationSetup
{
    public const int Attempts = 3;

    /// <summary>Registers are sent at most this fast: a Map-Server registers on one thread behind a bounded queue.</summary>
    public const long MaxRate = 10_000;

    public static SetupResult Run(LoadSockets sockets, EidPrefix[] prefixes, int count, IPAddress rloc, AuthenticationKey key, long rate, TimeSpan timeout, ReceiveMode receive, ref ushort runId)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(prefixes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, prefixes.Length);
        var clock = Stopwatch.StartNew();
        int[] pending = [.. Enumerable.Range(0, count)];
        for (var attempt = 0; attempt < Attempts && pending.Length > 0; attempt++)
        {
            var messages = new RegisterMessages(prefixes, pending, sockets.Sockets.Length, rloc, key, proxyReply: true, new NotifySchedule(1));
            var phase = new LoadPhase("register-first", Math.Min(rate, MaxRate), 0, pending.Length, Max(timeout, TimeSpan.FromSeconds(1)));
            runId = SequenceNonce.NewRunId(runId);
            var run = new LoadRun(sockets, messages, phase, receive, runId);
            run.Run(progress: null);
            pending = [.. pending.Where((_, sequence) => !run.Log.WasAnswered(sequence))];
        }

        return new SetupResult(count, count - pending.Length, clock.Elapsed);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
