using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.EtrTests.EtrHarness;

namespace Loci.ControlPlane.Tests.Xtr.EtrTests;

public class EtrMappingChangeTests
{
    private static readonly EidPrefix Site = EidPrefix.Parse("10.1.0.0/16");
    private static readonly IPEndPoint ItrSmrPort = new(IPAddress.Parse("203.0.113.50"), 4342);

    [Fact]
    public void UpdateMapping_RecentRequester_GetsSmrAtControlPortAndMapServersGetNewLocatorAtOnce()
    {
        using var h = Registered();
        h.Deliver(h.Request("10.1.2.3/32").ToArray(), ItrV4);
        h.Sender.Clear();
        h.Clock.Advance(TimeSpan.FromSeconds(20));

        h.Etr.UpdateMapping(Site, [Locator("192.0.2.99", 1, 100, local: true)]);
        Assert.Empty(h.Sender.Sent); // queued until the role thread runs
        h.Etr.OnTimer();

        var (destination, smr) = Assert.Single(h.Smrs());
        Assert.Equal(ItrSmrPort, destination);
        Assert.True(smr.SolicitMapRequest);
        Assert.False(smr.SmrInvoked);
        Assert.Equal(InetAddress.Parse("10.1.0.0"), smr.SourceEid);
        Assert.Equal("10.1.0.0/16", Assert.Single(smr.Records).Prefix);
        Assert.Equal([InetAddress.Parse("192.0.2.99")], smr.ItrRlocs.AsEnumerable());

        foreach (var server in new[] { MsA, MsB })
        {
            var record = h.Registers(server).Single().Register.Records.Single(r => r.Prefix == "10.1.0.0/16");
            Assert.Equal([Locator("192.0.2.99", 1, 100, local: true)], record.Locators.AsEnumerable());
        }

        Assert.Equal(1, h.Counters.SmrsSent);
        Assert.Equal(1, h.Counters.MappingChangesApplied);
        Assert.Equal([Locator("192.0.2.99", 1, 100, local: true)], h.Etr.GetDatabase().Single(e => e.Prefix == Site).Locators);

        // Map-Requests are answered with the new mapping from now on.
        h.Sender.Clear();
        h.Deliver(h.Request("10.1.2.3/32").ToArray(), ItrV4);
        Assert.Equal("192.0.2.99", h.Replies().Single().Reply.Records[0].Locators[0].Rloc.ToString());
    }

    [Fact]
    public void UpdateMapping_SmrRetransmittedUntilSmrInvokedRequestArrives()
    {
        using var h = Registered();
        h.Deliver(h.Request("10.1.2.3/32").ToArray(), ItrV4);
        h.Etr.UpdateMapping(Site, [Locator("192.0.2.99")]);
        h.Etr.OnTimer();
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, h.Smrs().Count);

        // The ITR asks again through the mapping system: an ECM from the Map-Server, s bit set.
        var invoked = h.Request("10.1.0.0/32", "203.0.113.50") with { SmrInvoked = true };
        var ecm = new EncapsulatedControlMessage(IPAddress.Parse("203.0.113.50"), IPAddress.Parse("10.1.0.0"), 40000, 4342, invoked) { ToEtr = true };
        h.Deliver(ecm.ToArray(), MsA);
        h.Sender.Clear();
        for (var i = 0; i < 10; i++)
        {
            h.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(h.Smrs());
        Assert.Equal(1, h.Counters.SmrsAnswered);
        Assert.Equal(0, h.Counters.SmrsGivenUp);
    }

    [Fact]
    public void UpdateMapping_RequesterNeverComesBack_GivesUpAfterMaxAttempts()
    {
        using var h = Registered();
        h.Deliver(h.Request("10.1.2.3/32").ToArray(), ItrV4);
        h.Etr.UpdateMapping(Site, [Locator("192.0.2.99")]);
        h.Etr.OnTimer();
        for (var i = 0; i < 20; i++)
        {
            h.Advance(TimeSpan.FromSeconds(0.5));
        }

        var smrs = h.Smrs();
        Assert.Equal(5, smrs.Count);
        Assert.All(smrs, s => Assert.Equal(ItrSmrPort, s.Destination));
        Assert.Equal(5, smrs.Select(s => s.Smr.Nonce).Distinct().Count());
        Assert.Equal(1, h.Counters.SmrsGivenUp);
    }

    [Fact]
    public void UpdateMapping_ChangesInQuickSuccession_AtMostOneSmrPerSecondPerRequester()
    {
        using var h = Registered();
        h.Deliver(h.Request("10.1.2.3/32").ToArray(), ItrV4);

        h.Etr.UpdateMapping(Site, [Locator("192.0.2.91")]);
        h.Etr.OnTimer();
        Assert.Single(h.Smrs());
        h.Etr.UpdateMapping(Site, [Locator("192.0.2.92")]);
        h.Etr.OnTimer();
        h.Advance(TimeSpan.FromSeconds(0.5));
        h.Etr.UpdateMapping(Site, [Locator("192.0.2.93")]);
        h.Advance(TimeSpan.FromSeconds(0.45));
        Assert.Single(h.Smrs());

        h.Advance(TimeSpan.FromSeconds(0.05));
        var smrs = h.Smrs();
        Assert.Equal(2, smrs.Count);
        Assert.Equal("192.0.2.93", smrs[1].Smr.ItrRlocs[0].ToString()); // announces the latest mapping
        Assert.Equal(3, h.Counters.MappingChangesApplied);
    }

    [Fact]
    public void UpdateMapping_SeveralRequestersAndPrefixes_EachRequesterOfThatPrefixOnly()
    {
        using var h = Registered();
        h.Deliver(h.Request("10.1.2.3/32", "203.0.113.1").ToArray(), ItrV4);
        h.Deliver(h.Request("10.1.2.4/32", "203.0.113.2").ToArray(), ItrV4);
        h.Deliver(h.Request("2001:db8:1::1/128", "2001:db8:50::7").ToArray(), ItrV6);
        h.Sender.Clear();

        h.Etr.UpdateMapping(Site, [Locator("192.0.2.99")]);
        h.Etr.OnTimer();

        Assert.Equal(
            ["203.0.113.1:4342", "203.0.113.2:4342"],
            h.Smrs().Select(s => s.Destination.ToString()).Order());
    }

    [Fact]
    public void RemovePrefix_WithdrawnSolicitedAndNoLongerAnswered()
    {
        using var h = Registered();
        h.Deliver(h.Request("10.1.2.3/32").ToArray(), ItrV4);
        h.Sender.Clear();

        h.Etr.RemovePrefix(Site);
        h.Etr.OnTimer();

        Assert.Equal(ItrSmrPort, Assert.Single(h.Smrs()).Destination);
        var withdrawal = h.Registers(MsA).Single().Register.Records.Single(r => r.Prefix == "10.1.0.0/16");
        Assert.Equal(0u, withdrawal.Ttl);
        Assert.DoesNotContain(h.Etr.GetDatabase(), e => e.Prefix == Site);

        h.Sender.Clear();
        h.Deliver(h.Request("10.1.2.3/32").ToArray(), ItrV4);
        Assert.Empty(h.Replies());
        Assert.Equal(1, h.Counters.RequestsNotOurs);
    }

    [Fact]
    public void SetPrefix_NewPrefixForOneMapServer_RegisteredThereAtOnce()
    {
        using var h = Registered();
        h.Sender.Clear();

        h.Etr.SetPrefix(Prefix("10.7.0.0/16", Locator("192.0.2.1")) with { MapServers = ["ms-b"], ProxyReply = true });
        h.Etr.OnTimer();

        Assert.Empty(h.Registers(MsA));
        var proxied = h.Registers(MsB).Single(r => r.Register.ProxyReply).Register;
        Assert.Equal(["10.7.0.0/16"], proxied.Records.Select(r => r.Prefix));
        Assert.Equal(3, h.Etr.GetMapServers()[1].Prefixes);
        Assert.True(h.Etr.GetMapServers()[1].Registered); // the previous round stands until this one is answered
        Assert.True(h.Etr.GetMapServers()[1].AwaitingNotify);
    }

    [Fact]
    public void SetPrefix_MovedToOtherMapServer_WithdrawnFromTheFirst()
    {
        using var h = new EtrHarness(o => o with { Database = [Prefix("10.1.0.0/16", Locator("192.0.2.1")) with { MapServers = ["ms-a"] }] });
        h.Etr.OnTimer();
        h.ConfirmAll();
        h.Sender.Clear();

        h.Etr.SetPrefix(Prefix("10.1.0.0/16", Locator("192.0.2.1")) with { MapServers = ["ms-b"] });
        h.Etr.OnTimer();

        Assert.Equal(0u, h.Registers(MsA).Single().Register.Records.Single().Ttl);
        Assert.Equal(1440u, h.Registers(MsB).Single().Register.Records.Single().Ttl);
        h.ConfirmAll();
        Assert.Equal(EtrRegistrationState.Idle, h.Etr.GetMapServers()[0].State);
        Assert.True(h.Etr.AllRegistered); // ms-a has nothing left to hold
    }

    [Fact]
    public void UpdateMapping_UnknownPrefix_IgnoredAndCounted()
    {
        using var h = Registered();
        h.Sender.Clear();

        h.Etr.UpdateMapping(EidPrefix.Parse("10.99.0.0/16"), [Locator("192.0.2.1")]);
        h.Etr.RemovePrefix(EidPrefix.Parse("10.98.0.0/16"));
        h.Etr.OnTimer();

        Assert.Empty(h.Sender.Sent);
        Assert.Equal(2, h.Counters.MappingChangesIgnored);
        Assert.Equal(0, h.Counters.MappingChangesApplied);
    }

    [Fact]
    public void UpdateMapping_BadArguments_ThrowOnCallerThread()
    {
        using var h = new EtrHarness();

        Assert.Throws<ArgumentException>(() => h.Etr.UpdateMapping(Site, []));
        Assert.Throws<ArgumentException>(() => h.Etr.UpdateMapping(Site, [Locator("192.0.2.1") with { Probed = true }]));
        Assert.Throws<ArgumentException>(() => h.Etr.UpdateMapping(default, [Locator("192.0.2.1")]));
        var error = Assert.Throws<ArgumentException>(() => h.Etr.SetPrefix(Prefix("10.7.0.0/16", Locator("192.0.2.1")) with { MapServers = ["ms-z"] }));
        Assert.Contains("ms-z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateMapping_FromOtherThreads_AllAppliedOnRoleThread()
    {
        using var h = Registered();
        var prefixes = Enumerable.Range(0, 8).Select(i => EidPrefix.Parse($"10.{50 + i}.0.0/16")).ToList();

        await Task.WhenAll(prefixes.Select(p => Task.Run(() => h.Etr.SetPrefix(new EtrPrefixOptions { Prefix = p, Locators = [Locator("192.0.2.1")] }))));
        h.Etr.OnTimer();

        Assert.Equal(8, h.Counters.MappingChangesApplied);
        Assert.Equal(10, h.Etr.GetDatabase().Count);
        Assert.Equal(10, h.Registers(MsA).Last().Register.Records.Count);
    }

    /// <summary>A harness whose first round went out and was confirmed by both Map-Servers.</summary>
    private static EtrHarness Registered()
    {
        var h = new EtrHarness();
        h.Etr.OnTimer();
        h.ConfirmAll();
        Assert.True(h.Etr.AllRegistered);
        return h;
    }
}
