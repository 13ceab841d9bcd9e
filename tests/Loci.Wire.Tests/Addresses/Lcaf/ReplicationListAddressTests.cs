using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class ReplicationListAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03              // 0: AFI 16387 (LCAF)
        00 00              // 2: Rsvd1, Flags
        0d 00              // 4: type 13 (Replication List Entry), Rsvd2
        00 14              // 6: length 20
        00 00 00 00        // 8: Rsvd3, Rsvd4, level 0
        00 01 c0 00 02 01  // 12: RTR 192.0.2.1
        00 00 00 01        // 18: Rsvd3, Rsvd4, level 1
        00 01 c6 33 64 01  // 22: ETR 198.51.100.1
        """);

    private static readonly ReplicationListAddress Model = new(new[]
    {
        new ReplicationEntry(0, InetAddress.Parse("192.0.2.1")),
        new ReplicationEntry(1, InetAddress.Parse("198.51.100.1")),
    });

    [Fact]
    public void Write_TwoLevels_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Read_ReservedSet_Ignored()
    {
        var address = Assert.IsType<ReplicationListAddress>(
            AddressCoding.Decode(Hex.Parse("40 03 00 00 0d 00 00 0a  ff ff ff 07 00 01 c0 00 02 01")));
        Assert.Equal(new ReplicationEntry(7, InetAddress.Parse("192.0.2.1")), address.Entries[0]);
    }

    [Fact]
    public void Read_PartialEntryHeader_Truncated() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 0d 00 00 0c  00 00 00 00 00 01 c0 00 02 01 00 00"), WireErrorCode.Truncated, 18);

    [Fact]
    public void Format_Entries_WithLevels() => Assert.Equal("rle(192.0.2.1 L0, 198.51.100.1 L1)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(113, r => r.ReplicationListLcaf(2));
}
