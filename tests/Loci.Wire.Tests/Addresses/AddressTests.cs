using System.Net;
using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses;

public class AddressTests
{
    [Fact]
    public void Write_IPv4_GoldenBytes()
    {
        var expected = Hex.Parse("""
            00 01        // 0: AFI 1 (IPv4)
            0a 01 00 07  // 2: 10.1.0.7
            """);
        Assert.Equal(expected, AddressCoding.Encode(InetAddress.Parse("10.1.0.7")));
        Assert.Equal(InetAddress.Parse("10.1.0.7"), AddressCoding.Decode(expected));
    }

    [Fact]
    public void Write_IPv6_GoldenBytes()
    {
        var expected = Hex.Parse("""
            00 02                                            // 0: AFI 2 (IPv6)
            20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 07  // 2: 2001:db8:1::7
            """);
        Assert.Equal(expected, AddressCoding.Encode(InetAddress.Parse("2001:db8:1::7")));
        Assert.Equal(InetAddress.Parse("2001:db8:1::7"), AddressCoding.Decode(expected));
    }

    [Fact]
    public void Write_Mac_GoldenBytesForBothAfis()
    {
        var rfc8060 = Hex.Parse("""
            40 05              // 0: AFI 16389 (MAC, RFC 8060)
            00 11 22 33 44 55  // 2: 00:11:22:33:44:55
            """);
        var legacy = Hex.Parse("00 06  00 11 22 33 44 55  // AFI 6 as lispers.net sends it");
        Assert.Equal(rfc8060, AddressCoding.Encode(new MacAddress(0x001122334455)));
        Assert.Equal(legacy, AddressCoding.Encode(new MacAddress(0x001122334455, Afi.Ieee802)));
        Assert.Equal("00:11:22:33:44:55", AddressCoding.Decode(legacy).Format());
    }

    [Fact]
    public void Write_DistinguishedName_NulTerminated()
    {
        var expected = Hex.Parse("""
            00 11        // 0: AFI 17 (distinguished name)
            73 69 74 65  // 2: "site"
            00           // 6: NUL terminator
            """);
        Assert.Equal(expected, AddressCoding.Encode(new DistinguishedName("site")));
        Assert.Equal(new DistinguishedName("site"), AddressCoding.Decode(expected));
    }

    [Fact]
    public void Write_NoAddress_AfiZeroOnly()
    {
        Assert.Equal(Hex.Parse("00 00"), AddressCoding.Encode(LispAddress.None));
        Assert.Same(LispAddress.None, AddressCoding.Decode(Hex.Parse("00 00")));
    }

    [Fact]
    public void Write_InstanceId_GoldenBytes()
    {
        var expected = Hex.Parse("""
            40 03        // 0: AFI 16387 (LCAF)
            00 00        // 2: Rsvd1, Flags
            02 00        // 4: type 2 (Instance ID), IID mask-len 0
            00 0a        // 6: length 10
            00 00 03 e8  // 8: instance ID 1000
            00 01        // 12: AFI 1
            0a 01 00 00  // 14: 10.1.0.0
            """);
        var address = new InstanceIdAddress(1000, InetAddress.Parse("10.1.0.0"));
        Assert.Equal(expected, AddressCoding.Encode(address));
        Assert.Equal(address, AddressCoding.Decode(expected));
        Assert.Equal("[1000]10.1.0.0", address.Format());
    }

    [Fact]
    public void Read_UnknownAfi_ErrorAtAfiOffset()
    {
        var reader = new SpanReader(Hex.Parse("1e 00 01 02 03 04"));
        Assert.False(LispAddress.TryRead(ref reader, out _));
        Assert.Equal(WireErrorCode.UnknownAfi, reader.Error.Code);
        Assert.Equal(0, reader.Error.Offset);
    }

    [Fact]
    public void Read_LcafLengthPastEnd_BadLength()
    {
        var reader = new SpanReader(Hex.Parse("40 03 00 00 02 00 00 ff 00 00 00 01"));
        Assert.False(LispAddress.TryRead(ref reader, out _));
        Assert.Equal(WireErrorCode.BadLength, reader.Error.Code);
    }

    [Fact]
    public void Read_LcafLongerThanContent_BadLength()
    {
        // Instance-ID LCAF announcing 12 payload bytes but holding a 10-byte IID + IPv4 and 2 spare bytes.
        var reader = new SpanReader(Hex.Parse("40 03 00 00 02 00 00 0c 00 00 00 01 00 01 0a 00 00 01 00 00"));
        Assert.False(LispAddress.TryRead(ref reader, out _));
        Assert.Equal(WireErrorCode.BadLength, reader.Error.Code);
        Assert.Equal(18, reader.Error.Offset);
    }

    [Fact]
    public void Read_DeepNesting_RejectedNotRecursedForever()
    {
        // 40 nested Instance-ID LCAFs around AFI 0.
        LispAddress address = LispAddress.None;
        for (var i = 0; i < 40; i++)
        {
            address = new InstanceIdAddress((uint)i, address);
        }

        var reader = new SpanReader(AddressCoding.Encode(address));
        Assert.False(LispAddress.TryRead(ref reader, out _));
        Assert.Equal(WireErrorCode.NestingTooDeep, reader.Error.Code);
    }

    [Fact]
    public void Read_UnknownLcafType_KeptOpaqueAndWrittenBackUnchanged()
    {
        var bytes = Hex.Parse("40 03 12 34 c8 56 00 03 aa bb cc");
        var address = AddressCoding.Decode(bytes);
        var unknown = Assert.IsType<UnknownLcafAddress>(address);
        Assert.Equal(200, unknown.RawType);
        Assert.Equal(bytes, AddressCoding.Encode(address));
    }

    [Fact]
    public void Read_NameWithoutTerminator_Truncated()
    {
        var reader = new SpanReader(Hex.Parse("00 11 61 62 63"));
        Assert.False(LispAddress.TryRead(ref reader, out _));
        Assert.Equal(WireErrorCode.Truncated, reader.Error.Code);
    }

    [Theory]
    [InlineData("10.1.0.7")]
    [InlineData("2001:db8::1")]
    [InlineData("[1000]2001:db8::1")]
    [InlineData("00:11:22:33:44:55")]
    [InlineData("'host.example'")]
    [InlineData("none")]
    public void ParseText_Format_RoundTrips(string text) => Assert.Equal(text, LispAddress.ParseText(text).Format());

    [Fact]
    public void RoundTrip_RandomAddresses_Equal()
    {
        var random = new RandomModels(2026);
        for (var i = 0; i < 2000; i++)
        {
            var address = random.Address(3);
            var bytes = AddressCoding.Encode(address);
            Assert.Equal(address, AddressCoding.Decode(bytes));
        }
    }

    [Fact]
    public void Truncation_RandomAddresses_EveryPrefixFailsWithoutThrowing()
    {
        var random = new RandomModels(7);
        for (var i = 0; i < 300; i++)
        {
            var address = random.Address(3);
            if (address is NoAddress)
            {
                continue;
            }

            Truncation.AssertEveryPrefixFails(AddressCoding.Encode(address), Truncation.ParseWholeAddress);
        }
    }

    [Fact]
    public void InetAddress_ScopeIdDropped_EqualAfterRoundTrip()
    {
        var scoped = new InetAddress(IPAddress.Parse("fe80::1%3"));
        Assert.Equal(scoped, AddressCoding.Decode(AddressCoding.Encode(scoped)));
    }
}
