namespace Loci.ControlPlane.Observability;

/// <summary>
/// Quantiles of a <see cref="LatencyRecorder"/>, in seconds, each within about 12 % of the true
/// value (the recorder keeps four buckets per power of two). Zero when nothing was recorded.
/// </summary>
public readonly record struct LatencySummary(long Count, double P50, double P90, double P99);
