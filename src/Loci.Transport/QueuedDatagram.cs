using System.Net;

namespace Loci.Transport;

/// <summary>
/// A copy of a received datagram waiting in a queue; <see cref="Buffer"/> is rented from the shared
/// array pool, <see cref="EnqueuedAt"/> is the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the enqueue (queueing delay).
/// </summary>
internal readonly record struct QueuedDatagram(byte[] Buffer, int Length, IPEndPoint Source, IPEndPoint Local, long EnqueuedAt);
