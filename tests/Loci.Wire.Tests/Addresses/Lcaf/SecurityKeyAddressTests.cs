using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class SecurityKeyAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03        // 0: AFI 16387 (LCAF)
        00 00        // 2: Rsvd1, Flags
        0b 00        // 4: type 11 (Security Key), Rsvd2
        00 10        // 6: length 16
        01 00 01 00  // 8: key count 1, Rsvd3, key algorithm 1, Rsvd4/R = 0
        00 04        // 12: key length 4
        de ad be ef  // 14: key material
        00 01        // 18: AFI 1
        0a 00 00 01  // 20: locator 10.0.0.1
        """);

    private static readonly SecurityKeyAddress Model =
        new(1, false, new EquatableArray<byte>[] { new byte[] { 0xde, 0xad, 0xbe, 0xef } }, InetAddress.Parse("10.0.0.1"));

    [Fact]
    public void Write_OneKey_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Write_TwoKeysRevoked_GoldenBytes()
    {
        var bytes = Hex.Parse("""
            40 03 00 00 0b 00 00 0d  // 0: Security Key, length 13
            02 00 05 01              // 8: key count 2, Rsvd3, algorithm 5, R
            00 01 aa                 // 12: key 1: length 1
            00 02 bb cc              // 15: key 2: length 2
            00 00                    // 19: AFI 0
            """);
        var keys = new EquatableArray<byte>[] { new byte[] { 0xaa }, new byte[] { 0xbb, 0xcc } };
        LcafTesting.AssertGolden(bytes, new SecurityKeyAddress(5, true, keys, LispAddress.None));
    }

    [Fact]
    public void Read_KeyCountPastEnd_BadLength() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 0b 00 00 06  ff 00 01 00 00 00"), WireErrorCode.BadLength, 12);

    [Fact]
    public void Read_KeyLengthPastEnd_BadLength() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 0b 00 00 0a  01 00 01 00 01 00 de ad 00 00"), WireErrorCode.BadLength, 14);

    [Fact]
    public void Read_PayloadNotFullyConsumed_BadLength() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 0b 00 00 07  00 00 01 00 00 00 00"), WireErrorCode.BadLength, 14);

    [Fact]
    public void Constructor_MoreThan255Keys_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            new SecurityKeyAddress(1, false, Enumerable.Repeat(new EquatableArray<byte>(new byte[] { 1 }), 256).ToArray(), LispAddress.None));

    [Fact]
    public void Format_KeysAndRevoke_Readable() =>
        Assert.Equal("sec-key(alg 1, keys [4B], 10.0.0.1)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(111, r => r.SecurityKeyLcaf(2));
}
