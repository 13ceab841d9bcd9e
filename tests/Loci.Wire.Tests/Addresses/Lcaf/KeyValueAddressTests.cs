using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class KeyValueAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03              // 0: AFI 16387 (LCAF)
        00 00              // 2: Rsvd1, Flags
        0f 00              // 4: type 15 (Key/Value Address Pair), Rsvd2
        00 0b              // 6: length 11
        00 11 61 62 00     // 8: key: AFI 17, "ab", NUL
        00 01 0a 00 00 01  // 13: value: 10.0.0.1
        """);

    private static readonly KeyValueAddress Model = new(new DistinguishedName("ab"), InetAddress.Parse("10.0.0.1"));

    [Fact]
    public void Write_NameKey_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Read_ValueMissing_Truncated() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 0f 00 00 05  00 11 61 62 00"), WireErrorCode.Truncated, 13);

    [Fact]
    public void Read_PayloadNotFullyConsumed_BadLength() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 0f 00 00 05  00 00 00 00 00"), WireErrorCode.BadLength, 12);

    [Fact]
    public void Format_Pair_Readable() => Assert.Equal("kv('ab' = 10.0.0.1)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(115, r => r.KeyValueLcaf(2));
}
