using System.Globalization;
using System.Text;

namespace Loci.Bench.SeedEval;

/// <summary>
/// <c>summary.md</c>: the machine, the command, the method and where it departs from the seed's,
/// and one table per figure. A run started on a busy machine is labelled preliminary.
/// </summary>
internal static class SeedEvalSummary
{
    /// <summary>A 1-minute load average above this at the start means other work shared the cores.</summary>
    public const double BusyLoad = 1.0;

    public static string Render(SeedEvalRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var md = new StringBuilder();
        var o = run.Options;
        var m = run.Machine;
        Line(md, $"# Seed 002 evaluation reproduced: `loci bench seed-eval`");
        Line(md);
        Line(md, $"- Command: `loci bench seed-eval {string.Join(' ', o.Arguments)}`{(o.Quick ? " (quick mode: fewer sites, messages and rate steps; not for quoting)" : "")}");
        Line(md, $"- Machine: {m.CpuModel}, {m.TotalCores} cores ({m.Cores} usable by this process), {m.Runtime}, {m.Os}");
        Line(md, $"- Started {run.Started:yyyy-MM-dd HH:mm} UTC, took {run.Elapsed.TotalMinutes:0.0} min; load average {m.LoadAverage} at the start, {run.LoadAtEnd} at the end");
        if (MachineInfo.LoadOneMinute(m.LoadAverage) > BusyLoad)
        {
            Line(md, $"- **Preliminary**: the machine was busy at the start (1-minute load above {BusyLoad:0.0}); figures include interference from other work.");
        }

        Line(md, $"- Seed: {SeedReference.Machine}");
        if (run.PoolPrefixes > 0)
        {
            Line(md, $"- Data: {run.DatasetSource}; IPv4 prefixes with every /16 fragmented into /24s: a pool of {run.PoolPrefixes:N0} prefixes (the seed's DANTE table gave > {SeedReference.PoolPrefixes:N0}); seed {o.Seed}");
        }

        if (run.Fig4.Count > 0)
        {
            Fig4(md, run);
        }

        if (run.Fig5.Count > 0)
        {
            Fig5(md, run);
        }

        if (run.Fig6 is { } fig6)
        {
            Fig6(md, fig6, o);
        }

        Deviations(md, run);
        return md.ToString();
    }

    private static void Fig4(StringBuilder md, SeedEvalRun run)
    {
        var o = run.Options;
        Line(md);
        Line(md, $"## Fig. 4: processing latency vs number of sites");
        Line(md);
        Line(md, $"Per number of sites s, s sites of 1-100 prefixes each (drawn from the pool without replacement) are configured on a Loci Map-Server, each with its own HMAC-SHA-256 key and exactly its prefixes as allowed space. Each site's ETR registers all of its prefixes in one Map-Register (P bit). Timed in-process around `MapServer.Receive` (parse, HMAC, checks, map-table, writing and handing over the reply), {o.Messages:N0} messages per series in {o.Periods} spaced periods after a warm-up, {o.NotifyShare:P0} of the Map-Registers with want-map-notify. Map-server \"full path\": the site's registration changed (locators alternate), so every record is checked and the map-table updated; \"fast path\": an unchanged periodic re-registration (HMAC, content hash, lifetimes extended). Map-resolver: {(o.Encapsulated ? "an ECM-encapsulated" : "a native")} Map-Request for a random host of a registered prefix to the proxy Map-Reply. Latencies in µs.");
        Line(md);
        Line(md, $"| sites | prefixes | records / register | MS full median | MS full p90 | MS full mean ± 99 % CI | MS fast median | MR median | MR p90 | MR mean ± 99 % CI |");
        Line(md, $"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in run.Fig4)
        {
            Line(md, $"| {r.Sites:N0} | {r.Prefixes:N0} | {r.RecordsPerRegister:0.0} | {r.Full.Median:0.0} | {r.Full.P90:0.0} | {r.Full.Mean:0.0} ± {r.Full.Ci99:0.0} | {r.Fast.Median:0.0} | {r.Request.Median:0.00} | {r.Request.P90:0.00} | {r.Request.Mean:0.00} ± {r.Request.Ci99:0.00} |");
        }

        var (firstRow, lastRow) = (run.Fig4[0], run.Fig4[^1]);
        Line(md);
        Line(md, $"Seed 002: map-server ~{SeedReference.MapServerMicroseconds:0} µs, map-resolver ~{SeedReference.MapResolverMicroseconds:0} µs (\"about 30 times\" less), both growing ~10 % from 200 to 2,000 sites. Loci here: MS full-path median {firstRow.Full.Median:0.0} → {lastRow.Full.Median:0.0} µs ({Change(firstRow.Full.Median, lastRow.Full.Median)}), MR median {firstRow.Request.Median:0.00} → {lastRow.Request.Median:0.00} µs ({Change(firstRow.Request.Median, lastRow.Request.Median)}) from {firstRow.Sites:N0} to {lastRow.Sites:N0} sites; MS/MR ratio {lastRow.Full.Median / lastRow.Request.Median:0} at {lastRow.Sites:N0} sites. Measured Map-Notify share: {run.Fig4.Average(r => r.NotifyShare):P1}.");
    }

    private static void Fig5(StringBuilder md, SeedEvalRun run)
    {
        Line(md);
        Line(md, $"## Fig. 5: map-table shape vs number of sites");
        Line(md);
        Line(md, $"The same sites as Fig. 4 (one draw per step); Loci's multibit trie (8-bit strides) and, for comparison, the binary radix (Patricia) tree the seed's OpenLISP uses. Depth counts nodes from the root to each prefix.");
        Line(md);
        Line(md, $"| sites | prefixes | trie nodes + leaves | trie avg / max depth | radix nodes | radix avg / max depth |");
        Line(md, $"|---:|---:|---:|---:|---:|---:|");
        foreach (var r in run.Fig5)
        {
            Line(md, $"| {r[0]:N0} | {r[1]:N0} | {r[2]:N0} + {r[3]:N0} | {r[4]:0.00} / {r[5]:0} | {r[7]:N0} | {r[8]:0.00} / {r[9]:0} |");
        }
    }

    private static void Fig6(StringBuilder md, Fig6Result fig6, SeedEvalOptions o)
    {
        Line(md);
        Line(md, $"## Fig. 6: Map-Reply rate vs Map-Request rate");
        Line(md);
        Line(md, $"A Loci node (Map-Server, proxy reply) holding {fig6.Registered:N0} of {fig6.Prefixes:N0} registered prefixes (the sites of the {o.EffectiveRateSites:N0}-site draw); `loci bench load` sends {(o.Encapsulated ? "ECM-encapsulated" : "native")} Map-Requests for random hosts of those prefixes, open loop, {o.StepDuration.TotalSeconds:0.#} s per step after {o.StepWarmup.TotalSeconds:0.#} s of warm-up, rates × {o.RateFactor:0.##} from {o.MinRate:N0}/s. {fig6.Pinning.Note}. Stopped: {fig6.StopReason}.");
        Line(md);
        Line(md, $"- Node: `{fig6.NodeCommand}` with the generated configuration `{fig6.NodeConfig}`");
        Line(md, $"- Generator (first step): `{fig6.GeneratorCommand}`");
        Line(md);
        Line(md, $"| Map-Requests /s (offered) | sent /s | Map-Replies /s | loss | p50 µs | p99 µs | generator kept its schedule |");
        Line(md, $"|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in fig6.Rows)
        {
            var kept = r.Valid ? "yes" : string.Create(CultureInfo.InvariantCulture, $"no: {r.Skipped:N0} skipped ({100.0 * r.Skipped / Math.Max(1, r.RequestRate * o.StepDuration.TotalSeconds):0.##} %)");
            Line(md, $"| {r.RequestRate:N0} | {r.SentRate:N0} | {r.ReplyRate:N0} | {r.LossPercent:0.###} % | {r.P50Microseconds:N1} | {r.P99Microseconds:N1} | {kept} |");
        }

        Line(md);
        Line(md, $"`loci bench load` marks a step not valid as soon as it falls more than 2 ms of messages behind and skips them; the sweep stops only when it sends less than {ReplyRateSweep.GeneratorLimitShare:P0} of the rate. Loss counts the Map-Requests sent and not answered.");

        Line(md);
        Line(md, $"Seed 002 (Fig. 6, OpenLISP/LISPMob/PyLISP on one 2.67 GHz core, Cisco on a 3900 router): the Cisco router is the most robust, dropping ~10 % \"only starting at around {SeedReference.CiscoDropRate:N0} messages/s\"; PyLISP is already poor at 500/s. The text gives no OpenLISP numbers.");
    }

    private static void Deviations(StringBuilder md, SeedEvalRun run)
    {
        Line(md);
        Line(md, $"## Where this departs from the seed's method");
        Line(md);
        Line(md, $"- Data: the RouteViews-derived `@ip-location-db/asn` table instead of DANTE's; fragmenting its /16s gives a pool about 11× larger, so random sites share fewer branching nodes (Fig. 5's radix tree has ~2 nodes per prefix, not \"slightly more\").");
        Line(md, $"- Fig. 4 times the role in-process (Stopwatch around `MapServer.Receive`) rather than inside a daemon fed by two xTRs over a 100 Mb/s link: no socket, queue or thread hand-off is included; the seed's timing also excluded the network. Whole-node figures are Fig. 6's.");
        Line(md, $"- One Map-Register per site carrying all its prefixes is our reading of \"send map-register messages for all sites\"; HMAC-SHA-256 (RFC 9301) where 2014 deployments mostly used SHA-1.");
        Line(md, $"- Fig. 4 reports median and p90 (this machine is noisy) next to the seed's mean and 99 % confidence interval; the fast path for unchanged re-registrations (the seed also hashes Map-Registers to skip unchanged ones) is a separate series.");
        Line(md, $"- Fig. 6: one Loci Map-Server answering with proxy replies, from a generator on the other core of the same machine over loopback, rather than a single-core box fed over a network; loss counts requests unanswered within 1 s of the last send. The seed's other implementations are not run.");
        if (run.Fig6 is { Pinning.Pinned: false } fig6)
        {
            Line(md, $"- {fig6.Pinning.Note}.");
        }
    }

    private static string Change(double from, double to) =>
        string.Create(CultureInfo.InvariantCulture, $"{(to - from) / from:+0%;-0%;0%}");

    private static void Line(StringBuilder md, FormattableString? text = null) =>
        md.Append(text is null ? "" : text.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
