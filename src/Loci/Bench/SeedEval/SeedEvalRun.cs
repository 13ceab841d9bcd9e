namespace Loci.Bench.SeedEval;

/// <summary>Everything one <c>loci bench seed-eval</c> run measured, for the summary.</summary>
internal sealed record SeedEvalRun(
    SeedEvalOptions Options,
    MachineInfo Machine,
    string LoadAtEnd,
    string DatasetSource,
    int PoolPrefixes,
    IReadOnlyList<Fig4Row> Fig4,
    IReadOnlyList<double[]> Fig5,
    Fig6Result? Fig6,
    DateTimeOffset Started,
    TimeSpan Elapsed);
