using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.Itr.ItrHarness;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

/// <summary>Solicit-Map-Requests (RFC 9301 §6.1).</summary>
public class ItrSmrTests
{
    private static ItrHarness WithCachedSite()
    {
        var itr = new ItrHarness();
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100)));
        itr.Run(TimeSpan.FromSeconds(5));
        itr.Sender.Clear();
        return itr;
    }

    [Fact]
    public void Receive_SmrNamingTheEidInTheRecord_SmrInvokedRequestThroughTheResolverAndTheReplyReplacesTheLocators()
    {
        var itr = WithCachedSite();

        itr.Deliver(Smr("10.1.2.3/32"), RemoteEtr);

        var (destination, ecm, request) = Assert.Single(itr.Requests);
        Assert.Equal(Mr1, destination); // through the mapping system, not back to the SMR's sender
        Assert.Equal(itr.Sender.Sent.Count, itr.Requests.Count); // and no reply to the SMR
        Assert.True(request.SmrInvoked);
        Assert.False(request.SolicitMapRequest);
        Assert.Equal(new InetAddress(IPAddress.Parse("10.1.0.0")), Assert.Single(request.Records).EidPrefix);
        Assert.Equal(16, request.Records[0].MaskLength);
        Assert.Equal(IPAddress.Parse("10.1.0.0"), ecm.InnerDestination);
        Assert.Equal(1, itr[ItrCounter.SmrsReceived]);
        Assert.Equal(1, itr[ItrCounter.SmrInvokedSent]);

        itr.Deliver(Reply(request.Nonce, Positive("10.1.0.0/16", 60, ("203.0.113.20", 1, 50), ("203.0.113.21", 1, 50))));

        var entry = itr.Entry("10.1.0.0/16")!;
        Assert.Equal(new[] { "203.0.113.20", "203.0.113.21" }, entry.Locators.Select(l => l.Address.ToString()).ToArray());
        Assert.Equal(itr.Now, entry.Answered);
        Assert.NotEqual(IPAddress.Parse("203.0.113.10"), itr.Itr.Lookup(EidPrefix.Parse("10.1.2.3")).Rloc);
    }

    [Fact]
    public void Receive_SmrNamingTheEidInTheSourceEidField_Refreshes()
    {
        var itr = WithCachedSite();

        // OpenOverlayRouter's layout: Source-EID = the site whose mapping changed, record = the ITR's own EID.
        itr.Deliver(Smr("172.16.0.0/24", sourceEid: "10.1.0.0"), RemoteEtr);

        var request = Assert.Single(itr.Requests).Request;
        Assert.True(request.SmrInvoked);
        Assert.Equal(new InetAddress(IPAddress.Parse("10.1.0.0")), request.Records[0].EidPrefix);
    }

    [Fact]
    public void Receive_SmrForIPv6CachedEid_Refreshes()
    {
        var itr = new ItrHarness();
        itr.Resolve("2001:db8:1::7", Positive("2001:db8:1::/48", 60, ("2001:db8:aaaa::1", 1, 100)));
        itr.Run(TimeSpan.FromSeconds(2));

        itr.Deliver(Smr("2001:db8:1::7/128"), RemoteEtr);

        var sent = itr.Requests[^1];
        Assert.True(sent.Request.SmrInvoked);
        Assert.Equal(IPAddress.Parse("2001:db8:1::"), sent.Ecm.InnerDestination);
        Assert.Equal(RlocV6, sent.Ecm.InnerSource);
    }

    [Fact]
    public void Receive_SmrForUnknownEid_CountedAndIgnored()
    {
        var itr = WithCachedSite();

        itr.Deliver(Smr("10.9.9.9/32", sourceEid: "10.9.9.9"), RemoteEtr);
        itr.Run(TimeSpan.FromSeconds(2));

        Assert.Empty(itr.Sender.Sent);
        Assert.Equal(1, itr[ItrCounter.SmrsReceived]);
        Assert.Equal(1, itr[ItrCounter.SmrsIgnored]);
    }

    [Fact]
    public void Receive_SmrForAShortPrefixThatOnlyContainsCachedEntries_Ignored()
    {
        var itr = WithCachedSite();

        itr.Deliver(Smr("0.0.0.0/0"), RemoteEtr);

        Assert.Empty(itr.Sender.Sent);
        Assert.Equal(1, itr[ItrCounter.SmrsIgnored]);
    }

    [Fact]
    public void Receive_SmrWithinOneSecondOfTheLastRequest_DeferredNotDropped()
    {
        var itr = new ItrHarness();
        itr.Resolve("10.1.2.3", Positive("10.1.0.0/16", 60, ("203.0.113.10", 1, 100)));
        itr.Run(TimeSpan.FromMilliseconds(300));

        itr.Deliver(Smr("10.1.2.3/32"), RemoteEtr);

        Assert.Single(itr.Requests);
        Assert.Equal(1, itr[ItrCounter.DeferredByRateLimit]);
        itr.Run(TimeSpan.FromMilliseconds(650));
        Assert.Single(itr.Requests);
        itr.Run(TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, itr.Requests.Count);
        Assert.True(itr.Requests[1].Request.SmrInvoked);
    }

    [Fact]
    public void Receive_PlainMapRequestOrProbe_NotAnsweredByTheItr()
    {
        var itr = WithCachedSite();
        var plain = Smr("10.1.2.3/32") with { SolicitMapRequest = false };

        itr.Deliver(plain, RemoteEtr);
        itr.Deliver(plain with { Probe = true }, RemoteEtr);

        Assert.Empty(itr.Sender.Sent);
        Assert.Equal(2, itr[ItrCounter.UnsupportedDropped]);
    }
}
