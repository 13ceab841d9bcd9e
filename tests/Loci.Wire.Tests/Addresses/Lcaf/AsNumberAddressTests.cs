using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class AsNumberAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03        // 0: AFI 16387 (LCAF)
        00 00        // 2: Rsvd1, Flags
        03 00        // 4: type 3 (AS Number), Rsvd2
        00 0a        // 6: length 10
        00 00 fd e9  // 8: AS 65001
        00 01        // 12: AFI 1
        c0 00 02 01  // 14: 192.0.2.1
        """);

    private static readonly AsNumberAddress Model = new(65001, InetAddress.Parse("192.0.2.1"));

    [Fact]
    public void Write_AsAndIPv4_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Read_PayloadNotFullyConsumed_BadLength() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 03 00 00 0b  00 00 fd e9  00 01 c0 00 02 01  ff"), WireErrorCode.BadLength, 18);

    [Fact]
    public void Read_AddressCutByLength_Truncated() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 03 00 00 06  00 00 fd e9  00 01"), WireErrorCode.Truncated, 14);

    [Fact]
    public void Format_AsNumber_Readable() => Assert.Equal("as65001(192.0.2.1)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(103, r => r.AsNumberLcaf(2));
}
