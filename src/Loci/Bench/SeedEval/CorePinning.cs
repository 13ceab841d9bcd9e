namespace Loci.Bench.SeedEval;

/// <summary>
/// The Fig. 6 method on this machine: the node on core 0 and the generator on core 1, each started
/// under <c>taskset -c N</c>. Separate processes rather than affinity set from inside this one:
/// on Linux an affinity call pins one thread, not the runtime's threads already running (GC,
/// tiering, thread pool), and a process started under taskset also sees one core in
/// <see cref="Environment.ProcessorCount"/>, so <c>loci bench load</c> reads its replies inline,
/// as it is designed to on a core of its own. Without taskset or a second core both run unpinned,
/// and the output says so.
/// </summary>
internal sealed record CorePinning(bool Pinned, string Note)
{
    public const int NodeCore = 0;
    public const int GeneratorCore = 1;

    public static CorePinning Detect(bool wanted)
    {
        if (!wanted)
        {
            return new CorePinning(false, "Not pinned (--no-pin): node and generator share the cores as the scheduler decides");
        }

        if (Environment.ProcessorCount < 2)
        {
            return new CorePinning(false, $"Not pinned: this process may use {Environment.ProcessorCount} core, two are needed to keep node and generator apart; both ran on it");
        }

        return FindTaskset() is null
            ? new CorePinning(false, "Not pinned: taskset (util-linux) is not on PATH; node and generator ran unpinned")
            : new CorePinning(true, $"Node pinned to core {NodeCore} and generator to core {GeneratorCore} with taskset");
    }

    /// <summary>The command prefix that runs a program on <paramref name="core"/>, or nothing when not pinned.</summary>
    public IReadOnlyList<string> Prefix(int core) => Pinned ? ["taskset", "-c", core.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];

    private static string? FindTaskset() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "taskset"))
            .FirstOrDefault(File.Exists);
}
