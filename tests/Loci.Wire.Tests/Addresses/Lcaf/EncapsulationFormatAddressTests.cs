using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class EncapsulationFormatAddressTests
{
    private static readonly byte[] Golden = Hex.Parse("""
        40 03        // 0: AFI 16387 (LCAF)
        00 00        // 2: Rsvd1, Flags
        10 00        // 4: type 16 (Encapsulation Format), Rsvd2
        00 0a        // 6: length 10
        00 00 00 05  // 8: reserved 0, V (VXLAN), L (LISP)
        00 01        // 12: AFI 1
        0a 00 00 01  // 14: 10.0.0.1
        """);

    private static readonly EncapsulationFormatAddress Model =
        new(EncapsulationFormatAddress.Lisp | EncapsulationFormatAddress.Vxlan, InetAddress.Parse("10.0.0.1"));

    [Fact]
    public void Write_LispAndVxlan_GoldenBytes() => LcafTesting.AssertGolden(Golden, Model);

    [Fact]
    public void Write_FlagWordOnly_NoAfi() =>
        LcafTesting.AssertGolden(
            Hex.Parse("40 03 00 00 10 00 00 04  00 00 00 03  // LISP, LISP-GPE; no AFI (lispers.net form)"),
            new EncapsulationFormatAddress(EncapsulationFormatAddress.Lisp | EncapsulationFormatAddress.LispGpe));

    [Fact]
    public void Read_ReservedBits_WrittenBackUnchanged()
    {
        var address = Assert.IsType<EncapsulationFormatAddress>(
            LcafTesting.AssertWrittenBackUnchanged(Hex.Parse("40 03 00 00 10 00 00 06  80 00 00 40  00 00")));
        Assert.True(address.AcceptsGue);
        Assert.False(address.AcceptsLisp);
        Assert.Equal(0x8000_0040u, address.Flags);
    }

    [Fact]
    public void Flags_Constants_FrozenAtRfc8060Positions()
    {
        Assert.Equal(
            new uint[] { 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40 },
            new[]
            {
                EncapsulationFormatAddress.Lisp, EncapsulationFormatAddress.LispGpe, EncapsulationFormatAddress.Vxlan,
                EncapsulationFormatAddress.VxlanGpe, EncapsulationFormatAddress.NvGre, EncapsulationFormatAddress.Geneve,
                EncapsulationFormatAddress.Gue,
            });
        var all = new EncapsulationFormatAddress(0x7F);
        Assert.True(all.AcceptsLisp && all.AcceptsLispGpe && all.AcceptsVxlan && all.AcceptsVxlanGpe
            && all.AcceptsNvGre && all.AcceptsGeneve && all.AcceptsGue);
    }

    [Fact]
    public void Read_FlagWordCut_Truncated() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 10 00 00 02  00 05"), WireErrorCode.Truncated, 8);

    [Fact]
    public void Read_HalfAfi_Truncated() =>
        LcafTesting.AssertReadFails(Hex.Parse("40 03 00 00 10 00 00 05  00 00 00 05 00"), WireErrorCode.Truncated, 12);

    [Fact]
    public void Format_Flags_Named() => Assert.Equal("encap(lisp, vxlan, 10.0.0.1)", Model.Format());

    [Fact]
    public void RoundTrip_Random_EqualAndEveryPrefixFails() =>
        LcafTesting.AssertRandomRoundTripAndTruncation(116, r => r.EncapsulationFormatLcaf(2));
}
