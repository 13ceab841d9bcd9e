namespace Loci.Wire;

/// <summary>Which of the two payloads a Geo Coordinates LCAF (type 5) carries (PROTOCOL.md §5.7).</summary>
public enum GeoEncoding
{
    /// <summary>RFC 8060 §4.3: hemisphere bits, 15-bit degrees, minutes, seconds, altitude (12-byte fixed part).</summary>
    Rfc8060 = 0,

    /// <summary>
    /// draft-ietf-lisp-geo (rfc-editor.org lists it as RFC 10040), which lispers.net sends with
    /// type 5: a 20-byte fixed part, kept opaque because its field meanings are unverified.
    /// </summary>
    LispGeo = 1,
}
