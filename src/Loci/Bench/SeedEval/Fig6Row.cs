namespace Loci.Bench.SeedEval;

/// <summary>One point of seed 002 Fig. 6: what <c>loci bench load</c> measured at one offered Map-Request rate.</summary>
/// <param name="Valid">The generator kept its schedule (no lag, no send errors): the point measures the node.</param>
internal sealed record Fig6Row(
    long RequestRate,
    double SentRate,
    double ReplyRate,
    double LossPercent,
    double P50Microseconds,
    double P99Microseconds,
    long Positive,
    long Negative,
    bool Valid,
    long Skipped);
