using System.Net;

namespace Loci.ControlPlane.Tests.Support;

/// <summary>Records what a role sends, parsed, for assertions.</summary>
public sealed class RecordingSender : IDatagramSender
{
    private readonly List<(IPEndPoint Destination, byte[] Payload)> _sent = [];

    public IReadOnlyList<(IPEndPoint Destination, byte[] Payload)> Sent => _sent;

    public void Send(IPEndPoint destination, ReadOnlySpan<byte> payload) => _sent.Add((destination, payload.ToArray()));

    /// <summary>Every sent payload parsed as a LISP control message (fails the test if one does not parse).</summary>
    public IReadOnlyList<(IPEndPoint Destination, Loci.Wire.LispMessage Message)> Messages =>
        _sent.Select(s => (s.Destination, Loci.Wire.LispMessage.Parse(s.Payload))).ToList();

    public void Clear() => _sent.Clear();
}
