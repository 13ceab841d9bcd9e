namespace Loci.Bench.Load;

/// <summary>One progress line: where the run is and how it went over the last interval and so far.</summary>
internal readonly record struct LoadProgress(
    string Phase,
    TimeSpan Elapsed,
    double SentPerSecond,
    double AnsweredPerSecond,
    double LossSoFar,
    double P99Microseconds,
    long Skipped);
