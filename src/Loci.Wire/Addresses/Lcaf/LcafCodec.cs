namespace Loci.Wire;

/// <summary>
/// Reads an LCAF after its AFI (RFC 8060 §3). The payload is cut to exactly Length bytes, so a
/// nested address can never run past its parent; a type that does not consume its whole payload is
/// an error, and an unknown type is kept as opaque bytes (<see cref="UnknownLcafAddress"/>).
/// </summary>
internal static class LcafCodec
{
    public static bool TryRead(ref SpanReader reader, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        var headerOffset = reader.Offset;
        if (!reader.TryReadUInt16(out var rsvd1AndFlags, "LCAF Rsvd1/Flags")
            || !reader.TryReadUInt8(out var type, "LCAF type")
            || !reader.TryReadUInt8(out var rsvd2, "LCAF Rsvd2")
            || !reader.TryReadUInt16(out var length, "LCAF length"))
        {
            return false;
        }

        if (reader.Remaining < length)
        {
            return reader.FailAt(WireErrorCode.BadLength, headerOffset + 4, "LCAF length runs past the message");
        }

        reader.TrySlice(length, out var payload, "LCAF payload");
        var nested = depth + 1;
        var ok = (LcafType)type switch
        {
            LcafType.AfiList => AfiListAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.InstanceId => InstanceIdAddress.TryReadPayload(ref payload, rsvd2, nested, out address),
            LcafType.AsNumber => AsNumberAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.ApplicationData => ApplicationDataAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.GeoCoordinates => GeoCoordinatesAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.NatTraversal => NatTraversalAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.NonceLocator => NonceLocatorAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.MulticastInfo => MulticastInfoAddress.TryReadPayload(ref payload, rsvd2, nested, out address),
            LcafType.ExplicitLocatorPath => ExplicitLocatorPathAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.SecurityKey => SecurityKeyAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.SourceDestKey => SourceDestAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.ReplicationList => ReplicationListAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.JsonDataModel => JsonDataModelAddress.TryReadPayload(ref payload, rsvd2, nested, out address),
            LcafType.KeyValuePair => KeyValueAddress.TryReadPayload(ref payload, nested, out address),
            LcafType.EncapsulationFormat => EncapsulationFormatAddress.TryReadPayload(ref payload, nested, out address),
            _ => UnknownLcafAddress.TryReadPayload(ref payload, type, rsvd1AndFlags, rsvd2, out address),
        };

        if (!ok)
        {
            return reader.Fail(payload.Error);
        }

        if (!payload.IsAtEnd)
        {
            return reader.FailAt(WireErrorCode.BadLength, payload.Offset, "LCAF payload longer than its content");
        }

        return true;
    }
}
