using System.Net;

namespace Loci.Prefixes.Tests;

public class EidPrefixTests
{
    [Theory]
    [InlineData("10.1.0.0/16", EidFamily.IPv4, 0u, 16)]
    [InlineData("0.0.0.0/0", EidFamily.IPv4, 0u, 0)]
    [InlineData("[1000]2001:db8::/32", EidFamily.IPv6, 1000u, 32)]
    [InlineData("[4294967295]::/0", EidFamily.IPv6, uint.MaxValue, 0)]
    [InlineData("00-11-22-33-44-55/48", EidFamily.Mac, 0u, 48)]
    [InlineData("[7]02-00-00-00-00-00/8", EidFamily.Mac, 7u, 8)]
    [InlineData("192.0.2.1/32", EidFamily.IPv4, 0u, 32)]
    public void Parse_CanonicalText_RoundTrips(string text, EidFamily family, uint iid, int length)
    {
        var prefix = EidPrefix.Parse(text);

        Assert.Equal(family, prefix.Family);
        Assert.Equal(iid, prefix.InstanceId);
        Assert.Equal(length, prefix.Length);
        Assert.Equal(text, prefix.ToString());
    }

    [Theory]
    [InlineData("10.1.2.3/16", "10.1.0.0/16")]
    [InlineData("2001:db8:ffff::1/33", "2001:db8:8000::/33")]
    [InlineData("00-11-22-33-44-55/20", "00-11-20-00-00-00/20")]
    [InlineData("10.1.2.3", "10.1.2.3/32")]
    [InlineData(" [0]10.0.0.0/8 ", "10.0.0.0/8")]
    public void Parse_HostBitsSet_MasksThem(string text, string expected) =>
        Assert.Equal(expected, EidPrefix.Parse(text).ToString());

    [Theory]
    [InlineData("", "neither IPv4")]
    [InlineData("10.0.0.0/33", "0 to 32")]
    [InlineData("10.0.0.0/-1", "not a number")]
    [InlineData("10.0/8", "four dotted parts")]
    [InlineData("[12]", "neither IPv4")]
    [InlineData("[x]10.0.0.0/8", "instance ID")]
    [InlineData("[4294967296]10.0.0.0/8", "instance ID")]
    [InlineData("[5 10.0.0.0/8", "missing ']'")]
    [InlineData("00-11-22-33-44-55/49", "0 to 48")]
    [InlineData("00:11:22:33:44:55/48", "neither IPv4")]
    [InlineData("fe80::1%2/128", "scope ID")]
    public void Parse_BadText_ThrowsFormatExceptionSayingWhy(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => EidPrefix.Parse(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(EidPrefix.TryParse(text, out _));
    }

    [Fact]
    public void FromIPAddress_HostAndPrefix_MatchesParsedText()
    {
        Assert.Equal(EidPrefix.Parse("192.0.2.7/32"), EidPrefix.FromIPAddress(IPAddress.Parse("192.0.2.7")));
        Assert.Equal(EidPrefix.Parse("[3]2001:db8::/48"), EidPrefix.FromIPAddress(IPAddress.Parse("2001:db8::99"), 48, 3));
        Assert.Equal(IPAddress.Parse("2001:db8::"), EidPrefix.Parse("2001:db8::/32").ToIPAddress());
        Assert.Throws<InvalidOperationException>(() => EidPrefix.Parse("00-11-22-33-44-55/48").ToIPAddress());
    }

    [Fact]
    public void Constructor_NumericAddress_IsRightAlignedAndValidated()
    {
        var prefix = new EidPrefix(EidFamily.IPv4, 0x0A010203, 16);

        Assert.Equal((UInt128)0x0A010000, prefix.Address);
        Assert.Equal("10.1.0.0/16", prefix.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new EidPrefix(EidFamily.IPv4, 0x1_0000_0000, 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EidPrefix(EidFamily.Mac, 0, 49));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EidPrefix(EidFamily.None, 0, 0));
    }

    [Fact]
    public void Contains_DifferentInstanceOrFamily_IsFalse()
    {
        var v4 = EidPrefix.Parse("10.0.0.0/8");

        Assert.True(v4.Contains(EidPrefix.Parse("10.1.0.0/16")));
        Assert.True(v4.Contains(v4));
        Assert.False(EidPrefix.Parse("10.1.0.0/16").Contains(v4));
        Assert.False(v4.Contains(EidPrefix.Parse("[1]10.1.0.0/16")));
        Assert.False(EidPrefix.Parse("::/0").Contains(EidPrefix.Parse("00-00-00-00-00-00/48")));
        Assert.True(v4.Overlaps(EidPrefix.Parse("0.0.0.0/1")));
        Assert.False(v4.Overlaps(EidPrefix.Parse("11.0.0.0/8")));
    }

    [Fact]
    public void CompareTo_Ordering_IsInstanceFamilyAddressLength()
    {
        var sorted = new[] { "[2]10.0.0.0/8", "10.0.0.0/8", "::/0", "10.0.0.0/16", "9.0.0.0/8", "[1]00-00-00-00-00-00/0" }
            .Select(EidPrefix.Parse).Order().Select(p => p.ToString());

        Assert.Equal(["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "::/0", "[1]00-00-00-00-00-00/0", "[2]10.0.0.0/8"], sorted);
    }
}
