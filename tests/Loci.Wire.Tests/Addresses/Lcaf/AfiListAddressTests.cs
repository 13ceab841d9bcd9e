using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class AfiListAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03              // 0: AFI 16387 (LCAF)
        00 00              // 2: Rsvd1, Flags
        01 00              // 4: type 1 (AFI List), Rsvd2
        00 18              // 6: length 24
        00 01 0a 00 00 01  // 8: AFI 1, 10.0.0.1
        00 02              // 14: AFI 2
        20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01  // 16: 2001:db8::1
        """);

    private static readonly AfiListAddress Model =
        new(new LispAddress[] { InetAddress.Parse("10.0.0.1"), InetAddress.Parse("2001:db8::1") });

    [Fact]
    public void Write_TwoEntries_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Read_EmptyPayload_EmptyList() =>
        LcafTesting.AssertGolden(Hex.Parse("40 03 00 00 01 00 00 00  // AFI List, length 0"), new AfiListAddress(EquatableArray<LispAddress>.Empty));

    [Fact]
    public void Read_NestedLcafEntry_Decoded()
    {
        var nested = new AfiListAddress(new LispAddress[] { new DistinguishedName("rtr"), new InstanceIdAddress(7, InetAddress.Parse("10.0.0.1")) });
        var bytes = Hex.Parse("""
            40 03 00 00 01 00 00 18  // 0: AFI List, length 24
            00 11 72 74 72 00        // 8: AFI 17, "rtr"
            40 03 00 00 02 00 00 0a  // 14: Instance-ID LCAF, length 10
            00 00 00 07              // 22: IID 7
            00 01 0a 00 00 01        // 26: 10.0.0.1
            """);
        LcafTesting.AssertGolden(bytes, nested);
    }

    [Fact]
    public void Read_EntryCutByLength_Truncated() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 01 00 00 04  00 01 0a 00"), WireErrorCode.Truncated, 10);

    [Fact]
    public void Read_LengthPastEnd_BadLength() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 01 00 00 08  00 01 0a 00 00 01"), WireErrorCode.BadLength, 6);

    [Fact]
    public void Format_Entries_CommaSeparated() => Assert.Equal("afi-list(10.0.0.1, 2001:db8::1)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(101, r => r.AfiListLcaf(2));
}
