using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class NonceLocatorAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03        // 0: AFI 16387 (LCAF)
        00 00        // 2: Rsvd1, Flags
        08 00        // 4: type 8 (Nonce Locator), Rsvd2
        00 0a        // 6: length 10
        00 ab cd ef  // 8: Reserved 0, nonce 0xabcdef
        00 01        // 12: AFI 1
        0a 00 00 01  // 14: 10.0.0.1
        """);

    private static readonly NonceLocatorAddress Model = new(0xabcdef, InetAddress.Parse("10.0.0.1"));

    [Fact]
    public void Write_Nonce_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Read_ReservedByteSet_Ignored() =>
        Assert.Equal<LispAddress>(Model, AddressCoding.Decode(Hex.Parse("40 03 00 00 08 00 00 0a  ff ab cd ef  00 01 0a 00 00 01")));

    [Fact]
    public void Read_PayloadNotFullyConsumed_BadLength() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 08 00 00 0b  00 ab cd ef  00 01 0a 00 00 01  00"), WireErrorCode.BadLength, 18);

    [Fact]
    public void Constructor_NonceWiderThan24Bits_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonceLocatorAddress(0x100_0000, LispAddress.None));

    [Fact]
    public void Format_Nonce_Hex() => Assert.Equal("nonce(0xabcdef, 10.0.0.1)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(108, r => r.NonceLocatorLcaf(2));
}
