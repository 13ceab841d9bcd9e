using System.Net;
using Loci.ControlPlane;
using Loci.Wire;

namespace Loci.Bench.SeedEval;

/// <summary>
/// The sans-I/O roles' outbound side for timing them in-process: counts datagrams per LISP message
/// type and copies each into one preallocated buffer (the copy a UDP send makes into the kernel,
/// without the system call), so sending costs what the role's own work costs and allocates nothing.
/// </summary>
internal sealed class CountingSender : IDatagramSender
{
    private readonly byte[] _last = new byte[ushort.MaxValue];
    private readonly long[] _perType = new long[16];
    private int _lastLength;

    public long Sent { get; private set; }

    /// <summary>The last datagram sent (valid until the next send).</summary>
    public ReadOnlySpan<byte> Last => _last.AsSpan(0, _lastLength);

    public long Count(MessageType type) => _perType[(int)type & 0xF];

    public void Send(IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(_last);
        _lastLength = payload.Length;
        Sent++;
        if (!payload.IsEmpty)
        {
            _perType[payload[0] >> 4]++;
        }
    }
}
