using System.Net;
using System.Net.Sockets;
using Loci.Transport;

namespace Loci.Tests.Node;

/// <summary>
/// The send path's socket address, written in place instead of serialized per send: byte for byte
/// what <see cref="IPEndPoint.Serialize"/> gives on this platform, whatever the previous destination was.
/// </summary>
public class DestinationAddressTests
{
    [Theory]
    [InlineData("192.0.2.1", 4342, false)]
    [InlineData("127.0.0.1", 1, false)]
    [InlineData("255.255.255.255", 65535, false)]
    [InlineData("2001:db8::1", 4342, false)]
    [InlineData("fe80::1%3", 4342, false)] // a link-local destination keeps its scope (interface)
    [InlineData("::ffff:192.0.2.1", 4342, false)]
    [InlineData("2001:db8::2", 4342, true)]
    public void For_Destination_SameBytesAsSerialize(string address, int port, bool dualMode)
    {
        var destination = new IPEndPoint(IPAddress.Parse(address), port);
        AssertSerializedAs(destination.Serialize(), DestinationAddress.For(destination, dualMode));
    }

    [Fact]
    public void For_IPv4OnDualModeSocket_MappedToIPv6()
    {
        var destination = new IPEndPoint(IPAddress.Parse("192.0.2.9"), 4342);
        var expected = new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.9"), 4342).Serialize();
        AssertSerializedAs(expected, DestinationAddress.For(destination, mapToIPv6: true));
    }

    [Fact]
    public void For_DestinationsInTurn_EachOverwritesEveryField()
    {
        // Scoped, mapped and plain IPv6 addresses share one buffer: nothing of one may leak into the next.
        string[] addresses = ["fe80::1%3", "::ffff:192.0.2.1", "2001:db8::7", "192.0.2.1", "10.0.0.1", "fe80::2%1", "2001:db8::8"];
        var port = 1000;
        foreach (var address in addresses)
        {
            var destination = new IPEndPoint(IPAddress.Parse(address), port++);
            AssertSerializedAs(destination.Serialize(), DestinationAddress.For(destination, mapToIPv6: false));
        }

        var ipv4 = new IPEndPoint(IPAddress.Parse("192.0.2.3"), 9);
        AssertSerializedAs(new IPEndPoint(ipv4.Address.MapToIPv6(), 9).Serialize(), DestinationAddress.For(ipv4, mapToIPv6: true));
    }

    [Fact]
    public void For_SameThread_ReusesOneAddressPerFamily_OtherThreadsHaveTheirOwn()
    {
        var first = DestinationAddress.For(new IPEndPoint(IPAddress.Loopback, 1), false);
        var second = DestinationAddress.For(new IPEndPoint(IPAddress.Loopback, 2), false);
        Assert.Same(first, second);
        Assert.Equal(AddressFamily.InterNetwork, second.Family);

        SocketAddress? other = null;
        var thread = new Thread(() => other = DestinationAddress.For(new IPEndPoint(IPAddress.Loopback, 3), false));
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(5)));
        Assert.NotSame(first, other);
        Assert.Equal(2, ((IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(second)).Port);
    }

    private static void AssertSerializedAs(SocketAddress expected, SocketAddress actual)
    {
        Assert.Equal(expected.Family, actual.Family);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.Buffer.Span[..expected.Size].ToArray(), actual.Buffer.Span[..actual.Size].ToArray());
        Assert.True(expected.Equals(actual));
    }
}
