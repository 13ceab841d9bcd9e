using Loci.Wire;

namespace Loci.ControlPlane;

/// <summary>
/// The allocation-free read of a datagram that should hold a Map-Request, native or inside an ECM
/// (RFC 9301 §5.2, §5.8), shared by the roles that answer one (map-server, ETR). No model is built;
/// a false answer leaves the diagnosis (malformed, or an ECM holding something else) to the model
/// parser, off the hot path.
/// </summary>
internal static class InboundMapRequest
{
    public static bool TryRead(ReadOnlySpan<byte> payload, out MapRequestView request, out bool encapsulated, out EcmView ecm)
    {
        ecm = default;
        request = default;
        encapsulated = false;
        switch (LispMessage.PeekType(payload))
        {
            case MessageType.MapRequest:
                return MapRequestView.TryParse(payload, out request, out _);
            case MessageType.EncapsulatedControlMessage:
                encapsulated = true;
                return EcmView.TryParse(payload, out ecm, out _)
                    && ecm.InnerType == MessageType.MapRequest
                    && MapRequestView.TryParse(ecm.Inner, out request, out _);
            default:
                return false;
        }
    }
}
