using Loci.ControlPlane.MapResolvers;
using Loci.ControlPlane.Tests.Support;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.MapResolver.DdtMessages;
using Resolver = Loci.ControlPlane.MapResolvers.MapResolver;

namespace Loci.ControlPlane.Tests.MapResolver;

public class MapResolverMapServerListTests
{
    private readonly RecordingSender _sender = new();

    private Resolver NewResolver() => new(
        new MapResolverOptions
        {
            Mode = MapResolverMode.MapServerList,
            MapServers =
            [
                new MapServerTarget(MsEndpoint, [EidPrefix.Parse("10.1.0.0/16"), EidPrefix.Parse("10.2.0.0/16")]),
                new MapServerTarget(Endpoint("127.0.0.21"), [EidPrefix.Parse("10.3.0.0/16")]),
            ],
        },
        _sender,
        new ManualTimeProvider());

    [Theory]
    [InlineData("10.1.0.7", "127.0.0.20")]
    [InlineData("10.3.0.7", "127.0.0.21")]
    public void Receive_EidServedByMapServer_EcmForwardedWithMBit(string eid, string mapServer)
    {
        var resolver = NewResolver();

        Deliver(resolver, ItrEcm(21, eid), Itr);

        var (destination, message) = Assert.Single(_sender.Messages);
        Assert.Equal(Endpoint(mapServer), destination);
        var ecm = Assert.IsType<EncapsulatedControlMessage>(message);
        Assert.True(ecm.ToMapServer);
        Assert.False(ecm.DdtOriginated);
        Assert.Equal(Itr.Address, ecm.InnerSource);
        Assert.Equal((ushort)Itr.Port, ecm.InnerSourcePort);
        Assert.Equal(21UL, Assert.IsType<MapRequest>(ecm.Inner).Nonce);
        Assert.Empty(resolver.PendingRequests);
        Assert.Equal(1, resolver.Counters[MapResolverCounter.ForwardedToMapServer]);
    }

    [Fact]
    public void Receive_EidNoMapServerServes_NegativeReplyForUncoveredBlock()
    {
        var resolver = NewResolver();

        Deliver(resolver, ItrEcm(22, "192.0.2.50"), Itr);

        var (destination, message) = Assert.Single(_sender.Messages);
        Assert.Equal(Itr, destination);
        MapResolverDdtTests.AssertNegativeReply(message, 22, "128.0.0.0/1", 15);
    }

    [Fact]
    public void Constructor_NoMapServers_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new Resolver(new MapResolverOptions { Mode = MapResolverMode.MapServerList }, _sender, new ManualTimeProvider()));

        Assert.Contains("MapServers", error.Message, StringComparison.Ordinal);
    }
}
