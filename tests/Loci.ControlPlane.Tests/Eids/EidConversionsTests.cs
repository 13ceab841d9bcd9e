using Loci.Prefixes;
using Loci.Wire;
using Loci.Wire.Tests.Support;

namespace Loci.ControlPlane.Tests.Eids;

public class EidConversionsTests
{
    [Theory]
    [InlineData("10.1.0.0", 16, "10.1.0.0/16")]
    [InlineData("[1000]2001:db8::", 32, "[1000]2001:db8::/32")]
    [InlineData("00:11:22:33:44:55", 48, "00-11-22-33-44-55/48")]
    public void TryToPrefix_ModelAndView_SameKey(string address, int mask, string expected)
    {
        var model = LispAddress.ParseText(address);
        Assert.True(EidConversions.TryToPrefix(model, mask, out var fromModel));
        Assert.Equal(EidPrefix.Parse(expected), fromModel);

        var bytes = AddressCoding.Encode(model);
        var reader = new SpanReader(bytes);
        Assert.True(AddressView.TryRead(ref reader, out var view));
        Assert.True(EidConversions.TryToPrefix(view, mask, out var fromView));
        Assert.Equal(fromModel, fromView);

        var (wire, wireMask) = EidConversions.ToWire(fromModel);
        Assert.Equal(model, wire);
        Assert.Equal(mask, wireMask);
    }

    [Fact]
    public void TryToPrefix_NameOrTooLongMask_False()
    {
        Assert.False(EidConversions.TryToPrefix(new DistinguishedName("x"), 0, out _));
        Assert.False(EidConversions.TryToPrefix(InetAddress.Parse("10.0.0.0"), 33, out _));
    }

    [Fact]
    public void ManualTimeProvider_Advance_MovesBothClocks()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var stamp = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(start.AddSeconds(90), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), clock.GetElapsedTime(stamp));
    }

    [Theory]
    [InlineData("10.1.0.0/16")]
    [InlineData("0.0.0.0/0")]
    [InlineData("255.255.255.255/32")]
    [InlineData("[1000]10.1.0.0/16")]
    [InlineData("2001:db8::/32")]
    [InlineData("[4294967295]2001:db8:1::/48")]
    [InlineData("00-11-22-33-44-55/48")]
    [InlineData("[7]00-11-22-00-00-00/24")]
    public void WriteWire_SameBytesAsTheModel(string text)
    {
        var prefix = EidPrefix.Parse(text);
        var (address, _) = EidConversions.ToWire(prefix);
        var expected = AddressCoding.Encode(address);

        var buffer = new byte[EidConversions.WireLength(prefix)];
        var writer = new SpanWriter(buffer);
        EidConversions.WriteWire(ref writer, prefix);

        Assert.Equal(expected.Length, writer.Position);
        Assert.Equal(expected, buffer);
    }
}
