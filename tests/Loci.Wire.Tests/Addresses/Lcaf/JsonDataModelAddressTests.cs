using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class JsonDataModelAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03                 // 0: AFI 16387 (LCAF)
        00 00                 // 2: Rsvd1, Flags
        0e 00                 // 4: type 14 (JSON Data Model), Rsvd2: B = 0 (text)
        00 0b                 // 6: length 11
        00 07                 // 8: JSON length 7
        7b 22 61 22 3a 31 7d  // 10: {"a":1}
        00 00                 // 17: AFI 0, no address
        """);

    private static readonly JsonDataModelAddress Model = new("{\"a\":1}", LispAddress.None);

    [Fact]
    public void Write_TextJson_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Write_BinaryWithAddress_BFlagInRsvd2()
    {
        var bytes = Hex.Parse("""
            40 03 00 00 0e 01 00 0a  // 0: JSON Data Model, Rsvd2 B = 1, length 10
            00 02 a1 00              // 8: JSON length 2, binary bytes a1 00
            00 01 0a 00 00 01        // 12: 10.0.0.1
            """);
        LcafTesting.AssertGolden(bytes, new JsonDataModelAddress(new byte[] { 0xa1, 0x00 }, InetAddress.Parse("10.0.0.1"), binary: true));
    }

    [Fact]
    public void Read_Utf8Text_Decoded()
    {
        var json = Assert.IsType<JsonDataModelAddress>(AddressCoding.Decode(Golden));
        Assert.Equal("{\"a\":1}", json.Json);
        Assert.False(json.Binary);
    }

    [Fact]
    public void Read_LispersNetRsvd2Bits_WrittenBackUnchanged()
    {
        // Encryption flag 0x02 and a key ID in the top bits, as lispers.net uses them (PROTOCOL.md §5.16).
        var json = Assert.IsType<JsonDataModelAddress>(
            LcafTesting.AssertWrittenBackUnchanged(Hex.Parse("40 03 00 00 0e 62 00 05  00 01 ff 00 00")));
        Assert.Equal(0x62, json.OtherRsvd2Bits);
        Assert.False(json.Binary);
    }

    [Fact]
    public void Read_JsonLengthPastEnd_BadLength() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 0e 00 00 06  00 09 7b 7d 00 00"), WireErrorCode.BadLength, 10);

    [Fact]
    public void Read_PayloadNotFullyConsumed_BadLength() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 0e 00 00 07  00 02 7b 7d 00 00 00"), WireErrorCode.BadLength, 14);

    [Fact]
    public void Constructor_JsonLongerThan65535Bytes_Throws() =>
        Assert.Throws<ArgumentException>(() => new JsonDataModelAddress(new string('x', 65536), LispAddress.None));

    [Fact]
    public void Format_Text_ShowsJson() => Assert.Equal("json({\"a\":1}, none)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(114, r => r.JsonDataModelLcaf(2));
}
