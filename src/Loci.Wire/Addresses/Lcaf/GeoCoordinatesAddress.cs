namespace Loci.Wire;

/// <summary>
/// LCAF type 5, Geo Coordinates. Two incompatible payloads share the type (PROTOCOL.md §5.7,
/// pitfall 15). RFC 8060 §4.3:
/// <code>
/// |     Type = 5  |     Rsvd2     |            12 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |N|     Latitude Degrees        |    Minutes    |    Seconds    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |E|     Longitude Degrees       |    Minutes    |    Seconds    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            Altitude                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |         Address  ...          |
/// </code>
/// and the draft-ietf-lisp-geo layout lispers.net sends with the same type:
/// <code>
/// |U|N|E|A|M|R|K|   Reserved      |   Location Uncertainty (16)   |
/// |  Lat Degrees  |       Latitude Milliseconds (24)              |
/// |  Long Degrees |       Longitude Milliseconds (24)             |
/// |                        Altitude (32)                          |
/// |          Radius (16)          |          Reserved (16)        |
/// |              AFI = x          |         Address  ...          |
/// </code>
/// The reader tells them apart by the fixed-part length (Length minus the trailing address: 12 or
/// 20). The second is kept as its 20 opaque bytes (<see cref="LispGeoFixedPart"/>), so it is
/// written back byte for byte; in that case the RFC 8060 properties are zero.
/// </summary>
public sealed record GeoCoordinatesAddress : LcafAddress
{
    /// <summary>Fixed part of the RFC 8060 payload, before the AFI.</summary>
    public const int Rfc8060FixedLength = 12;

    /// <summary>Fixed part of the draft-ietf-lisp-geo payload, before the AFI.</summary>
    public const int LispGeoFixedLength = 20;

    /// <summary>Degrees are 15 bits wide, below the hemisphere bit.</summary>
    public const ushort MaxDegrees = 0x7FFF;

    /// <summary>RFC 8060 §4.3: this altitude value means "no altitude encoded".</summary>
    public const int NoAltitude = int.MaxValue;

    private const ushort HemisphereBit = 0x8000;

    /// <summary>An RFC 8060 encoding. Degrees must fit in 15 bits; values are not range-checked otherwise.</summary>
    public GeoCoordinatesAddress(
        bool north,
        ushort latitudeDegrees,
        byte latitudeMinutes,
        byte latitudeSeconds,
        bool east,
        ushort longitudeDegrees,
        byte longitudeMinutes,
        byte longitudeSeconds,
        int altitude,
        LispAddress address)
    {
        if (latitudeDegrees > MaxDegrees)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDegrees), latitudeDegrees, "Latitude degrees are 15 bits.");
        }

        if (longitudeDegrees > MaxDegrees)
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDegrees), longitudeDegrees, "Longitude degrees are 15 bits.");
        }

        Encoding = GeoEncoding.Rfc8060;
        North = north;
        LatitudeDegrees = latitudeDegrees;
        LatitudeMinutes = latitudeMinutes;
        LatitudeSeconds = latitudeSeconds;
        East = east;
        LongitudeDegrees = longitudeDegrees;
        LongitudeMinutes = longitudeMinutes;
        LongitudeSeconds = longitudeSeconds;
        Altitude = altitude;
        Address = address;
    }

    private GeoCoordinatesAddress(EquatableArray<byte> lispGeoFixedPart, LispAddress address)
    {
        Encoding = GeoEncoding.LispGeo;
        LispGeoFixedPart = lispGeoFixedPart;
        Address = address;
    }

    public GeoEncoding Encoding { get; }

    public bool North { get; }

    public ushort LatitudeDegrees { get; }

    public byte LatitudeMinutes { get; }

    public byte LatitudeSeconds { get; }

    public bool East { get; }

    public ushort LongitudeDegrees { get; }

    public byte LongitudeMinutes { get; }

    public byte LongitudeSeconds { get; }

    /// <summary>Meters relative to sea level, two's complement; <see cref="NoAltitude"/> when absent.</summary>
    public int Altitude { get; }

    /// <summary>The 20 bytes before the AFI of a draft-ietf-lisp-geo payload; empty for RFC 8060.</summary>
    public EquatableArray<byte> LispGeoFixedPart { get; }

    public LispAddress Address { get; }

    public override LcafType LcafType => LcafType.GeoCoordinates;

    public override int PayloadLength =>
        (Encoding == GeoEncoding.Rfc8060 ? Rfc8060FixedLength : LispGeoFixedLength) + Address.EncodedLength;

    /// <summary>A draft-ietf-lisp-geo payload from its 20-byte fixed part, kept opaque.</summary>
    public static GeoCoordinatesAddress FromLispGeo(ReadOnlySpan<byte> fixedPart, LispAddress address)
    {
        if (fixedPart.Length != LispGeoFixedLength)
        {
            throw new ArgumentException("The draft-ietf-lisp-geo fixed part is 20 bytes.", nameof(fixedPart));
        }

        return new GeoCoordinatesAddress(fixedPart.ToArray(), address);
    }

    internal override void WritePayload(ref SpanWriter writer)
    {
        if (Encoding == GeoEncoding.LispGeo)
        {
            writer.WriteBytes(LispGeoFixedPart.AsSpan());
        }
        else
        {
            writer.WriteUInt16((ushort)((North ? HemisphereBit : 0) | LatitudeDegrees));
            writer.WriteUInt8(LatitudeMinutes);
            writer.WriteUInt8(LatitudeSeconds);
            writer.WriteUInt16((ushort)((East ? HemisphereBit : 0) | LongitudeDegrees));
            writer.WriteUInt8(LongitudeMinutes);
            writer.WriteUInt8(LongitudeSeconds);
            writer.WriteUInt32((uint)Altitude);
        }

        Address.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;

        // Try the RFC 8060 layout first: the address after 12 bytes must end exactly at Length.
        var rfc8060 = payload;
        if (rfc8060.TryReadUInt16(out var latitude, "geo latitude")
            && rfc8060.TryReadUInt8(out var latitudeMinutes, "geo latitude minutes")
            && rfc8060.TryReadUInt8(out var latitudeSeconds, "geo latitude seconds")
            && rfc8060.TryReadUInt16(out var longitude, "geo longitude")
            && rfc8060.TryReadUInt8(out var longitudeMinutes, "geo longitude minutes")
            && rfc8060.TryReadUInt8(out var longitudeSeconds, "geo longitude seconds")
            && rfc8060.TryReadUInt32(out var altitude, "geo altitude")
            && AddressCodec.TryRead(ref rfc8060, depth, out var inner)
            && rfc8060.IsAtEnd)
        {
            payload = rfc8060;
            address = new GeoCoordinatesAddress(
                (latitude & HemisphereBit) != 0,
                (ushort)(latitude & MaxDegrees),
                latitudeMinutes,
                latitudeSeconds,
                (longitude & HemisphereBit) != 0,
                (ushort)(longitude & MaxDegrees),
                longitudeMinutes,
                longitudeSeconds,
                (int)altitude,
                inner);
            return true;
        }

        // Then the draft-ietf-lisp-geo layout: the address after 20 bytes must end exactly at Length.
        var lispGeo = payload;
        if (lispGeo.TryReadBytes(LispGeoFixedLength, out var fixedPart, "geo fixed part")
            && AddressCodec.TryRead(ref lispGeo, depth, out var lispGeoInner)
            && lispGeo.IsAtEnd)
        {
            payload = lispGeo;
            address = new GeoCoordinatesAddress(fixedPart.ToArray(), lispGeoInner);
            return true;
        }

        // Neither fits. Report what went wrong with the RFC 8060 reading, the standard one.
        if (rfc8060.Error.IsError)
        {
            return payload.Fail(rfc8060.Error);
        }

        return payload.FailAt(WireErrorCode.BadLength, rfc8060.Offset, "geo payload fits neither the 12- nor the 20-byte layout");
    }

    public override string Format()
    {
        if (Encoding == GeoEncoding.LispGeo)
        {
            return $"geo-draft({Convert.ToHexStringLower(LispGeoFixedPart.AsSpan())}, {Address.Format()})";
        }

        var position = $"{LatitudeDegrees}-{LatitudeMinutes}-{LatitudeSeconds}-{(North ? 'N' : 'S')}-"
            + $"{LongitudeDegrees}-{LongitudeMinutes}-{LongitudeSeconds}-{(East ? 'E' : 'W')}";
        return Altitude == NoAltitude
            ? $"geo({position}, {Address.Format()})"
            : $"geo({position}, alt {Altitude}, {Address.Format()})";
    }
}
