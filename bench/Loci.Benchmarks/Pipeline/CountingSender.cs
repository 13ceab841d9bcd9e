using System.Net;
using Loci.ControlPlane;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// The cheapest honest <see cref="IDatagramSender"/>: copies each payload into one preallocated
/// buffer (as a socket send copies into the kernel) and counts datagrams and bytes, so a benchmark
/// measures the role rather than a list of recorded messages. Allocates nothing.
/// </summary>
internal sealed class CountingSender : IDatagramSender
{
    private readonly byte[] _buffer = new byte[ushort.MaxValue];

    public long Datagrams { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Length of the last payload, which stays in <see cref="Last"/> until the next send.</summary>
    public int LastLength { get; private set; }

    public IPEndPoint? LastDestination { get; private set; }

    public ReadOnlySpan<byte> Last => _buffer.AsSpan(0, LastLength);

    public void Send(IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(_buffer);
        LastLength = payload.Length;
        LastDestination = destination;
        Datagrams++;
        Bytes += payload.Length;
    }

    public void Reset()
    {
        Datagrams = 0;
        Bytes = 0;
        LastLength = 0;
        LastDestination = null;
    }
}
