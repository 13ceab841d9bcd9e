using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class MulticastInfoAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03              // 0: AFI 16387 (LCAF)
        00 00              // 2: Rsvd1, Flags
        09 01              // 4: type 9 (Multicast Info), Rsvd2: J
        00 14              // 6: length 20
        00 00 03 e8        // 8: instance ID 1000
        00 00 10 20        // 12: Reserved, source mask-len 16, group mask-len 32
        00 01 0a 01 00 00  // 16: source 10.1.0.0
        00 01 e0 01 02 03  // 22: group 224.1.2.3
        """);

    private static readonly MulticastInfoAddress Model =
        new(1000, 16, 32, InetAddress.Parse("10.1.0.0"), InetAddress.Parse("224.1.2.3"), Join: true);

    [Fact]
    public void Write_Join_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Theory]
    [InlineData(0x04, true, false, false)]
    [InlineData(0x02, false, true, false)]
    [InlineData(0x01, false, false, true)]
    [InlineData(0xf8, false, false, false)]
    public void Read_Rsvd2Bits_RpLeaveJoin(byte rsvd2, bool rp, bool leave, bool join)
    {
        var bytes = (byte[])Golden.Clone();
        bytes[5] = rsvd2;
        var address = Assert.IsType<MulticastInfoAddress>(AddressCoding.Decode(bytes));
        Assert.Equal((rp, leave, join), (address.Rp, address.Leave, address.Join));
    }

    [Fact]
    public void Flags_Constants_FrozenAtRfc8060Positions() =>
        Assert.Equal((0x04, 0x02, 0x01), (MulticastInfoAddress.RpFlag, MulticastInfoAddress.LeaveFlag, MulticastInfoAddress.JoinFlag));

    [Fact]
    public void Read_GroupCutByLength_Truncated() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 09 00 00 10  00 00 03 e8 00 00 10 20 00 01 0a 01 00 00 00 01"), WireErrorCode.Truncated, 24);

    [Fact]
    public void Format_SourceGroupFlags_Readable() =>
        Assert.Equal("mcast([1000](10.1.0.0/16, 224.1.2.3/32) J)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(109, r => r.MulticastInfoLcaf(2));
}
