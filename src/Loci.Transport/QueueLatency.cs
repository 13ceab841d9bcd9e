using Loci.ControlPlane.Observability;

namespace Loci.Transport;

/// <summary>One queue of a <see cref="RoleRunner"/>: quantiles of the role's time per datagram and of the wait in the queue.</summary>
public sealed record QueueLatency(string Queue, LatencySummary Processing, LatencySummary Waiting);
