using System.Net;
using Loci.ControlPlane;

namespace Loci.Tests.Xtr;

/// <summary>Keeps a copy of every datagram a role sends (the role reuses its buffer), in order.</summary>
internal sealed class RecordingSender : IDatagramSender
{
    private readonly List<(IPEndPoint Destination, byte[] Bytes)> _sent = [];

    public void Send(IPEndPoint destination, ReadOnlySpan<byte> payload) => _sent.Add((destination, payload.ToArray()));

    /// <summary>Everything sent since the <paramref name="mark"/>-th datagram.</summary>
    public IReadOnlyList<(IPEndPoint Destination, byte[] Bytes)> Since(int mark) => _sent[mark..];
}
