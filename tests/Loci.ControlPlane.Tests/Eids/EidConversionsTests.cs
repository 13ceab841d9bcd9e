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
}
