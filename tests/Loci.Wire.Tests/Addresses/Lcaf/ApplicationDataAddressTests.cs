using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class ApplicationDataAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03        // 0: AFI 16387 (LCAF)
        00 00        // 2: Rsvd1, Flags
        04 00        // 4: type 4 (Application Data), Rsvd2
        00 12        // 6: length 18
        00 00 2e 06  // 8: TOS/TC/flow label 0x00002e, protocol 6 (TCP)
        00 50 00 50  // 12: local port 80-80
        04 00 ff ff  // 16: remote port 1024-65535
        00 01        // 20: AFI 1
        0a 01 01 01  // 22: 10.1.1.1
        """);

    private static readonly ApplicationDataAddress Model = new(0x2e, 6, 80, 80, 1024, 65535, InetAddress.Parse("10.1.1.1"));

    [Fact]
    public void Write_TcpFlow_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Read_PayloadNotFullyConsumed_BadLength() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 04 00 00 13  00 00 2e 06 00 50 00 50 04 00 ff ff 00 01 0a 01 01 01 00"),
            WireErrorCode.BadLength,
            26);

    [Fact]
    public void Read_FixedPartCutByLength_Truncated() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 04 00 00 06  00 00 2e 06 00 50"), WireErrorCode.Truncated, 14);

    [Fact]
    public void Constructor_TosWiderThan24Bits_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApplicationDataAddress(0x100_0000, 6, 0, 0, 0, 0, LispAddress.None));

    [Fact]
    public void Format_Fields_Readable() =>
        Assert.Equal("app(tos 0x00002e, proto 6, local 80-80, remote 1024-65535, 10.1.1.1)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(104, r => r.ApplicationDataLcaf(2));
}
