using System.Net;
using Loci.ControlPlane.MapServers;
using Loci.Wire;
using static Loci.ControlPlane.Tests.MapServer.MapServerHarness;

namespace Loci.ControlPlane.Tests.MapServer;

/// <summary>RFC 8111 §7.3: a Map-Server answers DDT-originated (ECM D bit) Map-Requests with a Map-Referral.</summary>
public class MapServerDdtTests
{
    [Fact]
    public void HandleRequest_DdtRegisteredProxy_MsAckToClientAndReplyToItr()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24");
        var request = h.Request("10.1.0.7");
        h.Deliver(Ecm(request, 55555, ddt: true).ToArray(), Resolver);

        var messages = h.Sender.Messages;
        Assert.Equal(2, messages.Count);
        var (referralTo, referralMessage) = Assert.Single(messages, m => m.Message is MapReferral);
        Assert.Equal(Resolver, referralTo);
        var referral = (MapReferral)referralMessage;
        Assert.Equal(request.Nonce, referral.Nonce);
        var record = Assert.Single(referral.Records);
        Assert.Equal(ReferralAction.MsAck, record.Action);
        Assert.Equal("10.1.0.0/24", record.Prefix);
        Assert.Equal(1440u, record.Ttl);
        Assert.True(record.Authoritative);
        Assert.True(record.Incomplete); // no peer map-servers configured
        var (replyTo, _) = Assert.Single(messages, m => m.Message is MapReply);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.50"), 55555), replyTo);
        Assert.Equal(1, h.Counters.ReferralsSent);
    }

    [Fact]
    public void HandleRequest_DdtRegisteredNotProxy_MsAckAndForward()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24", false, "127.0.0.101");
        h.Deliver(Ecm(h.Request("10.1.0.7"), 55555, ddt: true).ToArray(), Resolver);

        var messages = h.Sender.Messages;
        Assert.Equal(ReferralAction.MsAck, Assert.Single(((MapReferral)Assert.Single(messages, m => m.Message is MapReferral).Message).Records).Action);
        Assert.True(((EncapsulatedControlMessage)Assert.Single(messages, m => m.Message is EncapsulatedControlMessage).Message).ToEtr);
    }

    [Fact]
    public void HandleRequest_DdtUnregisteredSiteSpace_MsNotRegisteredOnly()
    {
        using var h = new MapServerHarness(o => new MapServerOptions { Sites = o.Sites, EidSpace = o.EidSpace, PeerMapServers = [IPAddress.Parse("127.0.0.21")] });
        h.RegisterSite1("10.1.0.0/24");
        var request = h.Request("10.1.200.1");
        h.Deliver(Ecm(request, 55555, ddt: true).ToArray(), Resolver);

        var (destination, message) = h.Single();
        Assert.Equal(Resolver, destination);
        var record = Assert.Single(Assert.IsType<MapReferral>(message).Records);
        Assert.Equal(ReferralAction.MsNotRegistered, record.Action);
        Assert.Equal(1u, record.Ttl);
        Assert.Equal("10.1.128.0/17", record.Prefix);
        Assert.False(record.Incomplete);
        Assert.Equal(InetAddress.Parse("127.0.0.21"), Assert.Single(record.Referrals).Rloc);
        Assert.Equal(0, h.Counters.RepliesNegative);
    }

    [Fact]
    public void HandleRequest_DdtOutsideSites_NotAuthoritative()
    {
        using var h = new MapServerHarness();
        h.Deliver(Ecm(h.Request("10.9.0.1"), 55555, ddt: true).ToArray(), Resolver);

        var record = Assert.Single(Assert.IsType<MapReferral>(h.Single().Message).Records);
        Assert.Equal(ReferralAction.NotAuthoritative, record.Action);
        Assert.Equal(0u, record.Ttl);
        Assert.True(record.Incomplete);
        Assert.False(record.Authoritative);
        Assert.Empty(record.Referrals);
    }
}
