using System.Net;

namespace Loci.ControlPlane;

/// <summary>One received UDP payload with its source and the local endpoint it arrived on.</summary>
public readonly ref struct InboundDatagram
{
    public InboundDatagram(ReadOnlySpan<byte> payload, IPEndPoint source, IPEndPoint local)
    {
        Payload = payload;
        Source = source;
        Local = local;
    }

    public ReadOnlySpan<byte> Payload { get; }

    public IPEndPoint Source { get; }

    public IPEndPoint Local { get; }
}
