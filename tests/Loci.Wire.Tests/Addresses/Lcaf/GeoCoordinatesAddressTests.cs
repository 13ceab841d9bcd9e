using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class GeoCoordinatesAddressTests
{
    private static readonly byte[] Rfc8060Golden = Hex.Parse("""
        40 03        // 0: AFI 16387 (LCAF)
        00 00        // 2: Rsvd1, Flags
        05 00        // 4: type 5 (Geo Coordinates), Rsvd2
        00 12        // 6: length 18 = 12-byte fixed part + 6
        80 25 19 0a  // 8: N=1, 37 degrees, 25 minutes, 10 seconds
        00 7a 05 03  // 12: E=0 (west), 122 degrees, 5 minutes, 3 seconds
        00 00 00 1e  // 16: altitude 30 m
        00 01        // 20: AFI 1
        0a 00 00 01  // 22: 10.0.0.1
        """);

    private static readonly GeoCoordinatesAddress Rfc8060Model =
        new(true, 37, 25, 10, false, 122, 5, 3, 30, InetAddress.Parse("10.0.0.1"));

    private static readonly byte[] LispGeoFixedPart = Hex.Parse("""
        c0 00 00 0a  // U|N flags, reserved, location uncertainty 10
        25 06 8a 39  // latitude 37 degrees, 428601 ms
        7a 01 38 3c  // longitude 122 degrees, 79932 ms
        00 00 00 1e  // altitude 30
        00 64 00 00  // radius 100, reserved
        """);

    private static readonly byte[] LispGeoGolden = Hex.Parse("""
        40 03 00 00  // 0: AFI 16387 (LCAF), Rsvd1, Flags
        05 00 00 1a  // 4: type 5, Rsvd2, length 26 = 20-byte fixed part + 6
        c0 00 00 0a  // 8: draft-ietf-lisp-geo fixed part ...
        25 06 8a 39  // 12
        7a 01 38 3c  // 16
        00 00 00 1e  // 20
        00 64 00 00  // 24: ... end of fixed part
        00 01        // 28: AFI 1
        0a 00 00 01  // 30: 10.0.0.1
        """);

    [Fact]
    public void Write_Rfc8060_GoldenBytes() => LcafTesting.AssertGolden(Rfc8060Golden, Rfc8060Model);

    [Fact]
    public void Read_Rfc8060_FieldsDecoded()
    {
        var geo = Assert.IsType<GeoCoordinatesAddress>(AddressCoding.Decode(Rfc8060Golden));
        Assert.Equal(GeoEncoding.Rfc8060, geo.Encoding);
        Assert.True(geo.North);
        Assert.False(geo.East);
        Assert.Equal(37, geo.LatitudeDegrees);
        Assert.Equal(122, geo.LongitudeDegrees);
        Assert.Equal(30, geo.Altitude);
        Assert.True(geo.LispGeoFixedPart.IsEmpty);
    }

    [Fact]
    public void Read_NegativeAltitudeSouthEast_SignAndHemispheresKept()
    {
        var geo = new GeoCoordinatesAddress(false, 33, 52, 4, true, 151, 12, 36, -12, LispAddress.None);
        var bytes = Hex.Parse("40 03 00 00 05 00 00 0e  00 21 34 04  80 97 0c 24  ff ff ff f4  00 00");
        LcafTesting.AssertGolden(bytes, geo);
    }

    [Fact]
    public void Write_LispGeoDraft_GoldenBytes() =>
        LcafTesting.AssertGolden(LispGeoGolden, GeoCoordinatesAddress.FromLispGeo(LispGeoFixedPart, InetAddress.Parse("10.0.0.1")));

    [Fact]
    public void Read_LispGeoDraft_DecidedByFixedPartLengthAndWrittenBackUnchanged()
    {
        var geo = Assert.IsType<GeoCoordinatesAddress>(LcafTesting.AssertWrittenBackUnchanged(LispGeoGolden));
        Assert.Equal(GeoEncoding.LispGeo, geo.Encoding);
        Assert.Equal(LispGeoFixedPart, geo.LispGeoFixedPart.AsSpan().ToArray());
        Assert.Equal(InetAddress.Parse("10.0.0.1"), geo.Address);
    }

    [Fact]
    public void Read_FitsNeitherLayout_BadLength() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 05 00 00 13  80 25 19 0a 00 7a 05 03 00 00 00 1e 00 01 0a 00 00 01 ff"),
            WireErrorCode.BadLength,
            26);

    [Fact]
    public void Read_ShorterThanFixedPart_Truncated() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 05 00 00 06  80 25 19 0a 00 7a"), WireErrorCode.Truncated, 14);

    [Fact]
    public void Constructor_DegreesWiderThan15Bits_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new GeoCoordinatesAddress(true, 0x8000, 0, 0, true, 0, 0, 0, 0, LispAddress.None));

    [Fact]
    public void FromLispGeo_WrongFixedPartLength_Throws() =>
        Assert.Throws<ArgumentException>(() => GeoCoordinatesAddress.FromLispGeo(new byte[12], LispAddress.None));

    [Fact]
    public void Format_Rfc8060_DegreesMinutesSecondsHemisphere()
    {
        Assert.Equal("geo(37-25-10-N-122-5-3-W, alt 30, 10.0.0.1)", Rfc8060Model.Format());
        var noAltitude = new GeoCoordinatesAddress(true, 1, 2, 3, true, 4, 5, 6, GeoCoordinatesAddress.NoAltitude, LispAddress.None);
        Assert.Equal("geo(1-2-3-N-4-5-6-E, none)", noAltitude.Format());
    }

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(105, r => r.GeoCoordinatesLcaf(2));
}
