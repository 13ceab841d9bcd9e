using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class SourceDestAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03              // 0: AFI 16387 (LCAF)
        00 00              // 2: Rsvd1, Flags
        0c 00              // 4: type 12 (Source/Dest Key), Rsvd2
        00 10              // 6: length 16
        00 00 08 10        // 8: Reserved, source mask-len 8, dest mask-len 16
        00 01 0a 00 00 00  // 12: source 10.0.0.0
        00 01 14 01 00 00  // 18: destination 20.1.0.0
        """);

    private static readonly SourceDestAddress Model = new(8, 16, InetAddress.Parse("10.0.0.0"), InetAddress.Parse("20.1.0.0"));

    [Fact]
    public void Write_Prefixes_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Read_ReservedSet_Ignored() =>
        Assert.Equal<LispAddress>(
            Model, AddressCoding.Decode(Hex.Parse("40 03 00 00 0c 00 00 10  ff ff 08 10 00 01 0a 00 00 00 00 01 14 01 00 00")));

    [Fact]
    public void Read_PayloadNotFullyConsumed_BadLength() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 0c 00 00 09  00 00 08 10 00 00 00 00 00"), WireErrorCode.BadLength, 16);

    [Fact]
    public void Read_DestinationMissing_Truncated() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 0c 00 00 06  00 00 08 10 00 00"), WireErrorCode.Truncated, 14);

    [Fact]
    public void Format_Prefixes_WithMaskLengths() => Assert.Equal("sd(10.0.0.0/8, 20.1.0.0/16)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(112, r => r.SourceDestLcaf(2));
}
