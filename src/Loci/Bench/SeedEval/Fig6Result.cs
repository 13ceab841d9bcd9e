namespace Loci.Bench.SeedEval;

/// <summary>Seed 002 Fig. 6 as measured: the points, how the run was set up, and why it stopped.</summary>
internal sealed record Fig6Result(
    IReadOnlyList<Fig6Row> Rows,
    CorePinning Pinning,
    int Prefixes,
    int Registered,
    string NodeCommand,
    string NodeConfig,
    string GeneratorCommand,
    string StopReason);
