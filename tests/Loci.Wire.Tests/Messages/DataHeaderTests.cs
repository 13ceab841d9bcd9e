using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Messages;

public class DataHeaderTests
{
    [Theory]
    [InlineData("c0 12 34 56 00 00 00 03", true, false, false, 0x123456u, 0u, 3u)]   // N, L: nonce, 32 LSBs
    [InlineData("88 ab cd ef 00 03 e8 01", true, true, false, 0xabcdefu, 1000u, 1u)] // N, I: nonce, IID 1000, 8 LSBs
    [InlineData("10 00 10 02 00 00 00 00", false, false, true, 0u, 0u, 0u)]           // V: map-versions 1 and 2
    public void Parse_GoldenHeaders_FieldsAndRoundTrip(string hex, bool n, bool i, bool v, uint nonce, uint iid, uint lsb)
    {
        var bytes = Hex.Parse(hex);
        Assert.True(LispDataHeader.TryRead(bytes, out var header, out var error), error.ToString());
        Assert.Equal(n, header.NoncePresent);
        Assert.Equal(i, header.InstanceIdPresent);
        Assert.Equal(v, header.MapVersionPresent);
        Assert.Equal(nonce, header.Nonce);
        Assert.Equal(iid, header.InstanceId);
        Assert.Equal(lsb, header.LocatorStatusBits);
        if (v)
        {
            Assert.Equal(1, header.SourceMapVersion);
            Assert.Equal(2, header.DestinationMapVersion);
        }

        var written = new byte[8];
        header.WriteTo(written);
        Assert.Equal(bytes, written);
    }

    [Fact]
    public void Parse_NAndVBothSet_BadValue()
    {
        Assert.False(LispDataHeader.TryRead(Hex.Parse("90 00 00 00 00 00 00 00"), out _, out var error));
        Assert.Equal(WireErrorCode.BadValue, error.Code);
    }

    [Fact]
    public void Parse_EchoWithoutNonce_ReportedNotRejected()
    {
        Assert.True(LispDataHeader.TryRead(Hex.Parse("20 00 00 00 00 00 00 00"), out var header, out _));
        Assert.True(header.EchoWithoutNonce);
    }

    [Fact]
    public void Parse_ShortBuffer_TruncatedEveryLength()
    {
        for (var length = 0; length < 8; length++)
        {
            Assert.False(LispDataHeader.TryRead(new byte[length], out _, out var error));
            Assert.Equal(WireErrorCode.Truncated, error.Code);
        }
    }

    [Fact]
    public void RoundTrip_KeyIdAndReservedBit_Preserved()
    {
        var header = new LispDataHeader { NoncePresent = true, Nonce = 5, KeyId = 2, Reserved = true, LocatorStatusBitsValid = true, LocatorStatusBits = 0xFFFF_FFFF };
        var bytes = new byte[8];
        header.WriteTo(bytes);
        Assert.True(LispDataHeader.TryRead(bytes, out var parsed, out _));
        Assert.Equal(header, parsed);
    }
}
