using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class ExplicitLocatorPathAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03        // 0: AFI 16387 (LCAF)
        00 00        // 2: Rsvd1, Flags
        0a 00        // 4: type 10 (ELP), Rsvd2
        00 10        // 6: length 16
        00 05        // 8: hop 1 flags: L, S (flags come before the AFI)
        00 01        // 10: AFI 1
        c0 00 02 01  // 12: 192.0.2.1
        00 02        // 16: hop 2 flags: P
        00 01        // 18: AFI 1
        c6 33 64 01  // 20: 198.51.100.1
        """);

    private static readonly ExplicitLocatorPathAddress Model = new(new[]
    {
        new ElpHop(InetAddress.Parse("192.0.2.1"), Lookup: true, Strict: true),
        new ElpHop(InetAddress.Parse("198.51.100.1"), RlocProbe: true),
    });

    [Fact]
    public void Write_TwoHops_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Read_Rsvd3BitsSet_Ignored()
    {
        var address = Assert.IsType<ExplicitLocatorPathAddress>(
            AddressCoding.Decode(Hex.Parse("40 03 00 00 0a 00 00 08  ff f8 00 01 c0 00 02 01")));
        Assert.Equal(new ElpHop(InetAddress.Parse("192.0.2.1")), address.Hops[0]);
    }

    [Fact]
    public void Flags_Constants_FrozenAtRfc8060Positions() =>
        Assert.Equal((0x0004, 0x0002, 0x0001), (ElpHop.LookupFlag, ElpHop.RlocProbeFlag, ElpHop.StrictFlag));

    [Fact]
    public void Read_FlagsWithoutAfi_Truncated() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 0a 00 00 02  00 05"), WireErrorCode.Truncated, 10);

    [Fact]
    public void Read_HalfFlagWord_Truncated() =>
        LcafTesting.AssertReadFails(
            Hex.Parse("40 03 00 00 0a 00 00 09  00 05 00 01 c0 00 02 01 00"), WireErrorCode.Truncated, 16);

    [Fact]
    public void Format_Hops_InOrderWithFlags() => Assert.Equal("elp(192.0.2.1[LS] -> 198.51.100.1[P])", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(110, r => r.ExplicitLocatorPathLcaf(2));
}
