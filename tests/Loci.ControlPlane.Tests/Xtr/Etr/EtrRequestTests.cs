using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.EtrTests.EtrHarness;

namespace Loci.ControlPlane.Tests.Xtr.EtrTests;

public class EtrRequestTests
{
    [Fact]
    public void Receive_NativeRequest_AuthoritativeReplyToItrRlocAtSourcePort()
    {
        using var h = new EtrHarness();
        var request = h.Request("10.1.2.3/32");

        h.Deliver(request.ToArray(), ItrV4);

        var (destination, reply) = Assert.Single(h.Replies());
        Assert.Equal(ItrV4, destination);
        Assert.Equal(request.Nonce, reply.Nonce);
        Assert.False(reply.Probe);
        var record = Assert.Single(reply.Records);
        Assert.Equal("10.1.0.0/16", record.Prefix);
        Assert.True(record.Authoritative);
        Assert.Equal(1440u, record.Ttl);
        Assert.Equal(MapReplyAction.NoAction, record.Action);
        Assert.Equal([Locator("192.0.2.1", 1, 60, local: true), Locator("198.51.100.1", 2, 40)], record.Locators.AsEnumerable());
        Assert.All(record.Locators, l => Assert.False(l.Probed));
        Assert.Equal(1, h.Counters.RequestsAnswered);
    }

    public static TheoryData<string, string, string[], string> NativeCases => new()
    {
        // eid, outer source, ITR-RLOCs, expected reply address
        { "10.1.0.1/32", "203.0.113.50", ["203.0.113.50"], "203.0.113.50" },
        { "10.1.0.1/32", "2001:db8:50::1", ["203.0.113.50", "2001:db8:50::1"], "2001:db8:50::1" },
        { "2001:db8:1::9/128", "203.0.113.50", ["2001:db8:50::1", "203.0.113.50"], "203.0.113.50" },
        { "2001:db8:1::9/128", "2001:db8:50::1", ["2001:db8:50::1"], "2001:db8:50::1" },
        { "2001:db8:1::9/128", "2001:db8:50::1", ["203.0.113.50"], "203.0.113.50" }, // no RLOC of the family: any
    };

    [Theory]
    [MemberData(nameof(NativeCases))]
    public void Receive_NativeRequestFamilyMix_RepliesToItrRlocOfSourceFamily(string eid, string source, string[] itrRlocs, string expected)
    {
        using var h = new EtrHarness();
        var from = new IPEndPoint(IPAddress.Parse(source), 41000);

        h.Deliver(h.Request(eid, itrRlocs).ToArray(), from);

        var (destination, reply) = Assert.Single(h.Replies());
        Assert.Equal(new IPEndPoint(IPAddress.Parse(expected), 41000), destination);
        Assert.Equal(EidPrefix.Parse(eid).Family == EidFamily.IPv4 ? "10.1.0.0/16" : "2001:db8:1::/48", Assert.Single(reply.Records).Prefix);
    }

    public static TheoryData<string, string, string, string, string[], string> EcmCases => new()
    {
        // eid, outer source (the Map-Server), inner source, inner destination, ITR-RLOCs, expected reply address
        { "10.1.0.1/32", "127.0.0.20", "203.0.113.50", "10.1.0.1", ["203.0.113.50"], "203.0.113.50" },
        { "2001:db8:1::9/128", "127.0.0.20", "2001:db8:50::1", "2001:db8:1::9", ["2001:db8:50::1", "203.0.113.50"], "203.0.113.50" },
        { "10.1.0.1/32", "2001:db8:20::20", "203.0.113.50", "10.1.0.1", ["203.0.113.50", "2001:db8:50::1"], "2001:db8:50::1" },
        { "2001:db8:1::9/128", "2001:db8:20::20", "2001:db8:50::1", "2001:db8:1::9", ["2001:db8:50::1"], "2001:db8:50::1" },
        { "10.1.0.1/32", "2001:db8:20::20", "2001:db8:50::1", "2001:db8:1::9", ["203.0.113.50"], "203.0.113.50" },
    };

    [Theory]
    [MemberData(nameof(EcmCases))]
    public void Receive_EcmFromMapServer_RepliesToItrRlocAtInnerSourcePort(string eid, string outer, string innerSource, string innerDestination, string[] itrRlocs, string expected)
    {
        using var h = new EtrHarness();
        var request = h.Request(eid, itrRlocs);
        var ecm = new EncapsulatedControlMessage(IPAddress.Parse(innerSource), IPAddress.Parse(innerDestination), 50123, 4342, request) { ToEtr = true };

        h.Deliver(ecm.ToArray(), new IPEndPoint(IPAddress.Parse(outer), 4342));

        var (destination, reply) = Assert.Single(h.Replies());
        Assert.Equal(new IPEndPoint(IPAddress.Parse(expected), 50123), destination);
        Assert.Equal(request.Nonce, reply.Nonce);
        var record = Assert.Single(reply.Records);
        Assert.True(record.Authoritative);
        Assert.Equal(EidPrefix.Parse(eid).Family == EidFamily.IPv4 ? 2 : 1, record.Locators.Count);
    }

    [Fact]
    public void Receive_OverlappingLocalPrefixes_AnswersLongestMatch()
    {
        using var h = new EtrHarness(o => o with
        {
            Database = [.. o.Database, Prefix("10.1.5.0/24", Locator("192.0.2.5")) with { TtlMinutes = 60 }],
        });

        h.Deliver(h.Request("10.1.5.9/32").ToArray(), ItrV4);
        h.Deliver(h.Request("10.1.6.9/32").ToArray(), ItrV4);

        var replies = h.Replies();
        Assert.Equal("10.1.5.0/24", replies[0].Reply.Records[0].Prefix);
        Assert.Equal(60u, replies[0].Reply.Records[0].Ttl);
        Assert.Equal("10.1.0.0/16", replies[1].Reply.Records[0].Prefix);
    }

    [Fact]
    public void Receive_InstanceIdEid_AnsweredFromThatInstanceOnly()
    {
        using var h = new EtrHarness(o => o with { Database = [Prefix("[1000]10.1.0.0/16", Locator("192.0.2.1"))] });

        h.Deliver(h.Request("[1000]10.1.0.7/32").ToArray(), ItrV4);
        h.Deliver(h.Request("10.1.0.7/32").ToArray(), ItrV4);

        var (_, reply) = Assert.Single(h.Replies());
        Assert.Equal(new InstanceIdAddress(1000, InetAddress.Parse("10.1.0.0")), reply.Records[0].EidPrefix);
        Assert.Equal(1, h.Counters.RequestsNotOurs);
    }

    [Theory]
    [InlineData("10.9.0.1/32")]
    [InlineData("10.0.0.0/8")] // covers a local prefix, but is not inside one
    [InlineData("2001:db8:2::1/128")]
    public void Receive_ForeignEid_DroppedAndCounted(string eid)
    {
        using var h = new EtrHarness();

        h.Deliver(h.Request(eid).ToArray(), ItrV4);

        Assert.Empty(h.Sender.Sent);
        Assert.Equal(1, h.Counters.RequestsNotOurs);
        Assert.Empty(h.Etr.GetRequesters());
    }

    [Fact]
    public void Receive_SolicitMapRequest_IgnoredForTheItrSide()
    {
        using var h = new EtrHarness();

        h.Deliver((h.Request("10.1.0.1/32") with { SolicitMapRequest = true }).ToArray(), ItrV4);

        Assert.Empty(h.Sender.Sent);
        Assert.Equal(1, h.Counters.SmrsIgnored);
        Assert.Equal(0, h.Counters.RequestsAnswered);
    }

    [Fact]
    public void Receive_RlocProbe_ReplyWithProbeBitAndProbedLocatorToProbeSource()
    {
        using var h = new EtrHarness();
        var probe = h.Request("10.1.0.0/16", "198.18.0.1") with { Probe = true };

        h.Deliver(probe.ToArray(), ItrV4, LocalV4);

        var (destination, reply) = Assert.Single(h.Replies());
        Assert.Equal(ItrV4, destination); // the probe's source, not its ITR-RLOC
        Assert.True(reply.Probe);
        Assert.Equal(probe.Nonce, reply.Nonce);
        var record = Assert.Single(reply.Records);
        Assert.Equal("10.1.0.0/16", record.Prefix);
        Assert.True(record.Authoritative);
        Assert.Equal([true, false], record.Locators.Select(l => l.Probed));
        Assert.Equal([1, 2], record.Locators.Select(l => (int)l.Priority));
        Assert.Equal(1, h.Counters.ProbesAnswered);
        Assert.Equal(0, h.Counters.RequestsAnswered);
    }

    [Fact]
    public void Receive_RlocProbeOverIpv6_MarksTheIpv6Locator()
    {
        using var h = new EtrHarness();
        var probe = h.Request("2001:db8:1::/48", "2001:db8:50::1") with { Probe = true };

        h.Deliver(probe.ToArray(), ItrV6, new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.99"), 4342));
        h.Deliver(probe.ToArray(), ItrV6, LocalV6);

        var replies = h.Replies();
        Assert.False(replies[0].Reply.Records[0].Locators[0].Probed); // probe sent to an address that is no locator
        Assert.True(replies[1].Reply.Records[0].Locators[0].Probed);
        Assert.Equal(ItrV6, replies[1].Destination);
    }

    [Fact]
    public void Receive_DualStackMappedAddresses_TreatedAsIpv4()
    {
        using var h = new EtrHarness();
        var mappedLocal = new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.1"), 4342);
        var mappedItr = new IPEndPoint(IPAddress.Parse("::ffff:203.0.113.50"), 40000);
        var probe = h.Request("10.1.0.0/16", "2001:db8:50::1", "203.0.113.50") with { Probe = true };

        h.Deliver(probe.ToArray(), mappedItr, mappedLocal);
        h.Deliver(h.Request("10.1.0.1/32", "2001:db8:50::1", "203.0.113.50").ToArray(), mappedItr, mappedLocal);

        var replies = h.Replies();
        Assert.True(replies[0].Reply.Records[0].Locators[0].Probed);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.50"), 40000), replies[1].Destination);
        Assert.Equal([IPAddress.Parse("203.0.113.50")], h.Etr.GetRequesters().Select(r => r.Address).Distinct());
    }

    [Fact]
    public void Receive_Requests_RecordedPerPrefixAsSmrTargets()
    {
        using var h = new EtrHarness();
        h.Deliver(h.Request("10.1.0.1/32").ToArray(), ItrV4);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        h.Deliver(h.Request("10.1.9.9/32").ToArray(), ItrV4);
        h.Deliver(h.Request("2001:db8:1::1/128", "2001:db8:50::1").ToArray(), ItrV6);

        var requesters = h.Etr.GetRequesters();
        Assert.Equal(2, requesters.Count);
        var v4 = requesters.Single(r => r.Prefix == EidPrefix.Parse("10.1.0.0/16"));
        Assert.Equal(IPAddress.Parse("203.0.113.50"), v4.Address);
        Assert.Equal(2, v4.Requests);
        Assert.Equal(h.Clock.GetUtcNow(), v4.LastRequest);
        Assert.Equal(IPAddress.Parse("2001:db8:50::1"), requesters.Single(r => r.Prefix == EidPrefix.Parse("2001:db8:1::/48")).Address);
    }

    [Fact]
    public void Receive_RequestersBeyondBound_OldestForgotten()
    {
        using var h = new EtrHarness(o => o with { MaxRequestersPerPrefix = 2 });
        foreach (var itr in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            h.Deliver(h.Request("10.1.0.1/32", itr).ToArray(), ItrV4);
            h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["203.0.113.2", "203.0.113.3"], h.Etr.GetRequesters().Select(r => r.Address.ToString()));
        Assert.Equal(1, h.Counters.RequestersEvicted);
    }

    [Fact]
    public void GetRequesters_AfterRequesterMemory_Forgotten()
    {
        using var h = new EtrHarness(o => o with { RequesterMemory = TimeSpan.FromMinutes(10) });
        h.Deliver(h.Request("10.1.0.1/32").ToArray(), ItrV4);

        h.Advance(TimeSpan.FromMinutes(9));
        Assert.Single(h.Etr.GetRequesters());
        h.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(h.Etr.GetRequesters());

        h.Sender.Clear();
        h.Etr.UpdateMapping(EidPrefix.Parse("10.1.0.0/16"), [Locator("192.0.2.8")]);
        h.Etr.OnTimer();
        Assert.Empty(h.Smrs());
    }
}
