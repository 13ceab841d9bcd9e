using System.Net;

namespace Loci.Transport;

/// <summary>
/// A copy of a received datagram waiting in a <see cref="DatagramQueue"/>; <see cref="Buffer"/> belongs
/// to the queue (valid until the queue thread's next take), <see cref="EnqueuedAt"/> is the
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp of the enqueue (queueing delay).
/// </summary>
internal readonly record struct QueuedDatagram(byte[] Buffer, int Length, IPEndPoint Source, IPEndPoint Local, long EnqueuedAt);
