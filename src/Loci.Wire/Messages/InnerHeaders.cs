using System.Net;

namespace Loci.Wire;

/// <summary>The inner IPv4/IPv6 and UDP headers of an ECM (RFC 9301 §5.8) as the model keeps them.</summary>
internal readonly record struct InnerHeaders(IPAddress Source, IPAddress Destination, ushort SourcePort, ushort DestinationPort, byte Ttl, byte Tos, int PayloadLength)
{
    public static bool TryRead(ref SpanReader reader, out InnerHeaders headers)
    {
        headers = default;
        if (!InnerHeaderView.TryRead(ref reader, out var view))
        {
            return false;
        }

        headers = new InnerHeaders(new IPAddress(view.Source), new IPAddress(view.Destination), view.SourcePort, view.DestinationPort, view.Ttl, view.Tos, view.PayloadLength);
        return true;
    }
}
