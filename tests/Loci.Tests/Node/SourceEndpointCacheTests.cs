using System.Net;
using Loci.Transport;

namespace Loci.Tests.Node;

public class SourceEndpointCacheTests
{
    [Fact]
    public void FourSourcesTakingTurns_EachKeepsItsEndpoint()
    {
        // A load generator's four sockets, or four ITRs: whatever set they hash to, its four ways hold them.
        var cache = new SourceEndpointCache(new IPEndPoint(IPAddress.Loopback, 4342));
        var sources = Enumerable.Range(0, SourceEndpointCache.Ways).Select(i => new IPEndPoint(IPAddress.Parse("127.0.0.1"), 40000 + i).Serialize()).ToArray();
        var first = sources.Select(cache.Get).ToArray();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < sources.Length; i++)
            {
                Assert.Same(first[i], cache.Get(sources[i]));
            }
        }

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40002), first[2]);
    }

    [Fact]
    public void SameAddressOtherPort_AnotherEndpoint()
    {
        var cache = new SourceEndpointCache(new IPEndPoint(IPAddress.IPv6Loopback, 4342));
        var a = cache.Get(new IPEndPoint(IPAddress.IPv6Loopback, 1000).Serialize());
        var b = cache.Get(new IPEndPoint(IPAddress.IPv6Loopback, 1001).Serialize());
        Assert.NotSame(a, b);
        Assert.Equal(1001, b.Port);
    }
}
