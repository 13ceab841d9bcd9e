using System.Globalization;
using System.Net.Sockets;
using Loci.Cli;
using Loci.Prefixes.Datasets;
using Loci.Wire;

namespace Loci.Bench.Load;

/// <summary>
/// <c>loci bench load</c>: an open-loop load generator for any LISP control-plane node (issue 6).
/// Map-Requests (native or ECM) or authenticated Map-Registers at a fixed rate for a fixed time,
/// whatever the replies; replies matched by nonce; offered and answered rate, loss, latency
/// percentiles and reply types reported as a table and a JSON object.
/// </summary>
internal static class LoadCommand
{
    public const string Usage = """
        usage: loci bench load --target ADDRESS[:PORT] --mode request|ecm|register EIDS [options]
          Sends Map-Requests or Map-Registers at a fixed rate for a fixed time, never waiting for replies
          (open loop), matches replies by nonce and reports offered and answered rate, loss, latency
          p50/p90/p99/p99.9/max and reply types: a progress line a second on stderr, then a table and
          one JSON line on stdout. Works against any LISP node (Map-Server, Map-Resolver, DDT node).
        load
          --rate N             messages per second, 1 to 2,000,000 (100000, 100k, 1.5M; default 10k)
          --duration T         measured time, up to 10 min (500ms, 5s, 2m; default 5s)
          --warmup T           sent at the same rate first and not counted (default 1s, up to 1 min)
          --timeout T          how long to wait for replies after the last send (default 1s, up to 30 s)
          --sockets N          UDP sockets (default 4, up to 64)
          --receive threads|inline  a receive thread per socket, or the sender reads the replies between
                               sends (default: inline when the process has one core, as under taskset -c 1)
          --source ADDRESS     local address (default: the source of the route to the target)
        EIDS, one of
          --eid-prefix P       a prefix to take EIDs from; repeat for more (10.1.0.0/16, 2001:db8::/32)
          --eids FILE          one prefix or address per line (# starts a comment)
          --dataset            the RouteViews-derived prefixes of `loci bench lpm` [--cache DIR]
            --fragment         only its IPv4 prefixes, every /16 split into /24s (seed 002's pool, ~2.9M)
          --prefix-length L    split the prefixes into blocks of length L (10.1.0.0/16 -> /24s)
          --prefixes N         keep the first N prefixes (default all; 65,536 blocks when splitting)
          Requests ask for random hosts inside the prefixes, each prefix in turn; registers register the prefixes.
        registers (--mode register, --register-first)
          --key SECRET         the site's password;  --key-id N (default 0);  --alg sha1|sha256 (default sha256)
          --notify-fraction F  share of registers with want-map-notify, 0 to 1 (default 1; loss is measured on notifies)
          --proxy-reply        set the P bit (--mode register; --register-first always sets it)
          --rloc ADDRESS       the registered locator (default the local address)
          --register-first N   request/ecm: first register the first N prefixes (P and M set) and wait for the notifies
        other
          --ddt                ecm: set the D bit (DDT-originated; a Map-Server answers with a Map-Referral)
          --node-api ADDRESS:PORT|URL  a Loci node's management API (127.0.0.1:9242): read its /api/runtime
                               just before and after the measured phase and report the node's GC collections,
                               bytes allocated (in all and per message sent) and pause time during it, and its
                               working set, heap and committed bytes at the end ("node" in the JSON; "node.error",
                               not a failed run, when the API does not answer within 2 s)
          --json FILE|-        also write the JSON to FILE; '-': JSON alone on stdout, the table on stderr
          --seed N             seed of the random hosts (default 1)
          --quiet              no progress line
        exit 0 when the run completed (whatever the loss), 2 on a bad command line, 3 when input or sockets fail
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!LoadOptionsParser.TryParse(args, out var options, out var error))
        {
            stderr.WriteLine($"loci bench load: {error}");
            stderr.WriteLine("Run `loci bench load --help` for the options.");
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        EidPool pool;
        try
        {
            pool = EidPool.Build(EidSource.Load(options, stderr), options.PrefixLength, options.PrefixCount, options.Seed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DatasetUnavailableException)
        {
            stderr.WriteLine($"loci bench load: cannot read the EIDs: {e.Message}");
            return ExitCodes.IoError;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            stderr.WriteLine($"loci bench load: {e.Message}");
            return ExitCodes.Usage;
        }

        if (options.RegisterFirst > pool.Prefixes.Length)
        {
            stderr.WriteLine($"loci bench load: --register-first {options.RegisterFirst} is more than the {pool.Prefixes.Length} prefixes");
            return ExitCodes.Usage;
        }

        LoadSockets sockets;
        try
        {
            sockets = LoadSockets.Open(options.Target, options.Source, options.Sockets);
        }
        catch (SocketException e)
        {
            stderr.WriteLine($"loci bench load: cannot open sockets toward {options.Target}{(options.Source is null ? "" : $" from {options.Source}")}: {e.Message}");
            return ExitCodes.IoError;
        }

        using (sockets)
        using (var key = options.Key is null ? null : AuthenticationKey.FromPassword(options.Key, options.Algorithm, options.KeyId))
        {
            var report = Measure(options, sockets, pool, key, stderr);
            Write(report, options, stdout, stderr);
        }

        return ExitCodes.Ok;
    }

    private static LoadReport Measure(LoadOptions options, LoadSockets sockets, EidPool pool, AuthenticationKey? key, TextWriter stderr)
    {
        using var node = options.NodeApi is null ? null : new NodeRuntimeProbe(options.NodeApi);
        if (node?.Check() is { } nodeError)
        {
            stderr.WriteLine($"warning: --node-api: {nodeError}; the run goes on without the node's figures");
        }

        var rloc = options.Rloc ?? sockets.LocalAddress;
        ushort runId = 0;
        SetupResult? setup = null;
        if (options.RegisterFirst > 0)
        {
            stderr.WriteLine($"registering {options.RegisterFirst:N0} prefixes (proxy-reply, want-map-notify) ...");
            setup = RegistrationSetup.Run(sockets, pool.Prefixes, options.RegisterFirst, rloc, key!, options.Rate, options.Timeout, options.EffectiveReceive, ref runId);
            stderr.WriteLine(setup.Confirmed == setup.Requested
                ? $"registered {setup.Confirmed:N0} prefixes in {setup.Elapsed.TotalSeconds:0.00} s"
                : $"warning: only {setup.Confirmed:N0} of {setup.Requested:N0} registrations were confirmed by a Map-Notify; queries for the rest may be answered negatively");
        }

        LoadMessages messages = options.Mode == LoadMode.Register
            ? new RegisterMessages(pool.Prefixes, null, sockets.Sockets.Length, rloc, key!, options.ProxyReply, new NotifySchedule(options.NotifyFraction))
            : new RequestMessages(pool.Queries, sockets.LocalAddress, sockets.Ports, options.Mode == LoadMode.Ecm, options.DdtOriginated);
        var phase = new LoadPhase("measure", options.Rate, options.WarmupMessages, options.MeasuredMessages, options.Timeout);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.Mode.ToString().ToLowerInvariant()} to {sockets.Target} at {options.Rate:N0}/s for {options.Duration.TotalSeconds:0.###} s after {options.Warmup.TotalSeconds:0.###} s warm-up, {sockets.Sockets.Length} sockets from {sockets.LocalAddress}, replies read by {(options.EffectiveReceive == ReceiveMode.Inline ? "the sender" : "a thread per socket")}"));
        var run = new LoadRun(sockets, messages, phase, options.EffectiveReceive, SequenceNonce.NewRunId(runId));
        var outcome = run.Run(options.Quiet ? null : p => stderr.WriteLine(ProgressLine(p)), node is null ? null : node.ReadBefore, node?.Lead ?? TimeSpan.Zero);
        return new LoadReport(options, sockets, pool, outcome, setup, node?.ReadAfter());
    }

    private static void Write(LoadReport report, LoadOptions options, TextWriter stdout, TextWriter stderr)
    {
        var json = report.ToJson();
        if (options.JsonPath == "-")
        {
            report.WriteTable(stderr);
            stdout.WriteLine(json);
            return;
        }

        report.WriteTable(stdout);
        stdout.WriteLine(json);
        if (options.JsonPath is { } path)
        {
            try
            {
                File.WriteAllText(path, json + Environment.NewLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"loci bench load: cannot write {path}: {e.Message} (the result is on stdout)");
            }
        }
    }

    internal static string ProgressLine(LoadProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{p.Elapsed.TotalSeconds,6:0.0}s {p.Phase,-8} sent {p.SentPerSecond,9:N0}/s  answered {p.AnsweredPerSecond,9:N0}/s  loss so far {p.LossSoFar:0.000}%  p99 {p.P99Microseconds:N1} µs{(p.Skipped > 0 ? $"  LAG {p.Skipped:N0} skipped" : "")}");
}
