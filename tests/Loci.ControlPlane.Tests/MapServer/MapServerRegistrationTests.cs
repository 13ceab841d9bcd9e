using System.Net;
using Loci.ControlPlane.MapServers;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.MapServer.MapServerHarness;

namespace Loci.ControlPlane.Tests.MapServer;

public class MapServerRegistrationTests
{
    [Fact]
    public void HandleRegistration_ValidKey_StoresRegistration()
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101", "127.0.0.102")]), Site1Key);

        var row = Assert.Single(h.Server.GetRegistrations());
        Assert.Equal(EidPrefix.Parse("10.1.0.0/24"), row.Prefix);
        Assert.Equal("site1", row.Site);
        Assert.Equal(2, row.Locators.Count);
        Assert.True(row.ProxyReply);
        Assert.Equal(Etr1, row.LastSource);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(3), row.ExpiresAt);
        Assert.Equal(1, h.Counters.RegistersAccepted);
        Assert.Empty(h.Sender.Sent);
    }

    [Fact]
    public void HandleRegistration_WrongKey_DroppedAndCounted()
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")], notify: true), WrongKey);

        Assert.Empty(h.Server.GetRegistrations());
        Assert.Equal(1, h.Counters.AuthFailures);
        Assert.Equal(0, h.Counters.RegistersAccepted);
        Assert.Equal(1, Assert.Single(h.Server.GetSites(), s => s.Name == "site1").AuthFailures);
        Assert.Empty(h.Sender.Sent);
    }

    public static TheoryData<string> RolloverKeys => ["current", "next"];

    [Theory]
    [MemberData(nameof(RolloverKeys))]
    public void HandleRegistration_KeyRollover_BothKeyIdsAccepted(string which)
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")]), which == "current" ? Site1Key : Site1NextKey);

        Assert.Single(h.Server.GetRegistrations());
        Assert.Equal(0, h.Counters.AuthFailures);
    }

    [Fact]
    public void HandleRegistration_KnownKeyIdWrongAlgorithm_Rejected()
    {
        using var h = new MapServerHarness();
        using var sha1WithId0 = AuthenticationKey.FromPassword("site1-key", AuthAlgorithm.HmacSha1_96, 0);
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")]), sha1WithId0);

        Assert.Empty(h.Server.GetRegistrations());
        Assert.Equal(1, h.Counters.AuthFailures);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void HandleRegistration_TruncatedHmac_AcceptedOnlyWhenConfigured(bool acceptTruncated, int accepted)
    {
        using var h = new MapServerHarness(o => new MapServerOptions { Sites = o.Sites, EidSpace = o.EidSpace, AcceptTruncatedHmac = acceptTruncated });
        var register = h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")]);

        // HMAC-SHA-256-128 as its name says: 16 bytes carried, computed with a 16-byte zero field (PROTOCOL.md §4.3).
        var truncated = (register with { KeyId = 0, Algorithm = AuthAlgorithm.HmacSha256_128, AuthenticationData = new byte[16] }).ToArray();
        Span<byte> digest = stackalloc byte[32];
        Site1Key.Compute(truncated, AuthenticatedMessage.AuthDataOffset, 16, digest);
        digest[..16].CopyTo(truncated.AsSpan(AuthenticatedMessage.AuthDataOffset));
        h.Deliver(truncated, Etr1);

        Assert.Equal(accepted, h.Server.GetRegistrations().Count);
        Assert.Equal(1 - accepted, h.Counters.AuthFailures);
    }

    [Theory]
    [InlineData("10.9.0.0/24")] // in the EID space, in no site
    [InlineData("192.0.2.0/24")] // not EID space at all
    [InlineData("10.1.0.0/24,10.9.0.0/24")] // one good record does not save the message
    [InlineData("10.0.0.0/8")] // wider than the site
    public void HandleRegistration_PrefixOutsideSite_RejectedAndCounted(string prefixes)
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([.. prefixes.Split(',').Select(p => Record(p, 3, "127.0.0.101"))], notify: true), Site1Key);

        Assert.Empty(h.Server.GetRegistrations());
        Assert.Equal(1, h.Counters.PrefixRejected);
        Assert.Empty(h.Sender.Sent);
    }

    [Fact]
    public void HandleRegistration_OtherSitesPrefixWithOwnKey_NotAccepted()
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("10.2.0.0/16", 3, "192.0.2.1")]), Site1Key);

        Assert.Empty(h.Server.GetRegistrations());
        Assert.Equal(1, h.Counters.AuthFailures); // the prefix speaks for site2, whose key did not sign it
    }

    [Theory]
    [InlineData("10.1.0.0/24", true)] // site1 accepts more-specifics
    [InlineData("10.1.0.0/16", true)]
    [InlineData("10.2.0.0/24", false)] // site2 does not
    [InlineData("10.2.0.0/16", true)]
    public void HandleRegistration_MoreSpecific_AcceptedOnlyWhenAllowed(string prefix, bool accepted)
    {
        using var h = new MapServerHarness();
        var key = prefix.StartsWith("10.1", StringComparison.Ordinal) ? Site1Key : Site2Key;
        h.Send(h.Register([Record(prefix, 3, "192.0.2.1")]), key);

        Assert.Equal(accepted ? 1 : 0, h.Server.GetRegistrations().Count);
        Assert.Equal(accepted ? 0 : 1, h.Counters.PrefixRejected);
    }

    [Fact]
    public void HandleRegistration_RlocNotAllowed_Rejected()
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("10.2.0.0/16", 3, "192.0.2.1", "198.51.100.1")]), Site2Key);

        Assert.Empty(h.Server.GetRegistrations());
        Assert.Equal(1, h.Counters.PrefixRejected);
    }

    [Fact]
    public void OnTimer_AfterDefaultTtl_RegistrationExpires()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24");

        h.Clock.Advance(TimeSpan.FromSeconds(179));
        h.Server.OnTimer();
        Assert.Single(h.Server.GetRegistrations());

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        h.Server.OnTimer();
        Assert.Empty(h.Server.GetRegistrations());
        Assert.Equal(1, h.Counters.Expirations);
    }

    [Fact]
    public void OnTimer_UseTtlBit_ExpiresByRecordTtl()
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("10.1.0.0/24", 10, "127.0.0.101")], useTtl: true), Site1Key);

        h.Clock.Advance(TimeSpan.FromMinutes(9));
        h.Server.OnTimer();
        Assert.Single(h.Server.GetRegistrations());

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Server.OnTimer();
        Assert.Empty(h.Server.GetRegistrations());
    }

    [Fact]
    public void HandleRegistration_Ttl0_Deregisters()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24");
        h.Send(h.Register([Record("10.1.0.0/24", 0, "127.0.0.101")], notify: true), Site1Key);

        Assert.Empty(h.Server.GetRegistrations());
        Assert.Equal(1, h.Counters.Deregistrations);
        Assert.IsType<MapNotify>(h.Single().Message);
    }

    [Fact]
    public void HandleRegistration_UnchangedReRegistration_TakesFastPathAndExtendsLifetime()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24");
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        h.RegisterSite1("10.1.0.0/24"); // new nonce, same content

        Assert.Equal(1, h.Counters.FastRefreshes);
        Assert.Equal(2, h.Counters.RegistersAccepted);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(3), Assert.Single(h.Server.GetRegistrations()).ExpiresAt);

        h.Clock.Advance(TimeSpan.FromMinutes(2)); // 4 minutes after the first register
        h.Server.OnTimer();
        Assert.Single(h.Server.GetRegistrations());
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Server.OnTimer();
        Assert.Empty(h.Server.GetRegistrations());
    }

    [Fact]
    public void HandleRegistration_ChangedReRegistration_TakesFullPath()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24", true, "127.0.0.101");
        h.RegisterSite1("10.1.0.0/24", true, "127.0.0.102");

        Assert.Equal(0, h.Counters.FastRefreshes);
        var row = Assert.Single(h.Server.GetRegistrations());
        Assert.Equal(InetAddress.Parse("127.0.0.102"), Assert.Single(row.Locators).Rloc);

        h.RegisterSite1("10.1.0.0/24", true, "127.0.0.102");
        Assert.Equal(1, h.Counters.FastRefreshes);
    }

    [Fact]
    public void HandleRegistration_SameContentFromNewSource_TakesFullPathAndRecordsSource()
    {
        using var h = new MapServerHarness();
        var register = h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")], xtrId: 7);
        h.Send(register, Site1Key, Etr1);
        h.Send(register with { Nonce = 99 }, Site1Key, Etr2);

        Assert.Equal(0, h.Counters.FastRefreshes);
        Assert.Equal(Etr2, Assert.Single(h.Server.GetRegistrations()).LastSource);
    }

    [Fact]
    public void HandleRegistration_ReplayWithBadHmac_NeverRefreshes()
    {
        using var h = new MapServerHarness();
        var bytes = h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")]), Site1Key);
        h.Clock.Advance(TimeSpan.FromMinutes(2));

        var forged = (byte[])bytes.Clone();
        forged[AuthenticatedMessage.AuthDataOffset] ^= 0x01; // same content, HMAC no longer valid
        forged[4] ^= 0x10; // and another nonce, as a replay of a changed register would carry
        h.Deliver(forged, Etr1);

        Assert.Equal(1, h.Counters.AuthFailures);
        Assert.Equal(0, h.Counters.FastRefreshes);
        h.Clock.Advance(TimeSpan.FromSeconds(61));
        h.Server.OnTimer();
        Assert.Empty(h.Server.GetRegistrations());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HandleRegistration_WantMapNotify_NotifySignedWithSiteKey(bool nextKey)
    {
        using var h = new MapServerHarness();
        var key = nextKey ? Site1NextKey : Site1Key;
        var register = h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")], notify: true, xtrId: 0xABCD);
        h.Send(register, key);

        var (destination, message) = h.Single();
        var notify = Assert.IsType<MapNotify>(message);
        Assert.Equal(Etr1, destination);
        Assert.Equal(AuthResult.Valid, key.Verify(h.Sender.Sent[0].Payload));
        Assert.Equal(register.Nonce, notify.Nonce);
        Assert.Equal(register.Records, notify.Records);
        Assert.Equal(register.XtrId, notify.XtrId);
        Assert.Equal(register.SiteId, notify.SiteId);
        Assert.Equal(key.KeyId, notify.KeyId);
        Assert.Equal(1, h.Counters.NotifiesSent);
    }

    [Fact]
    public void HandleRegistration_FastPathWithMapNotify_StillNotifies()
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")], notify: true), Site1Key);
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")], notify: true), Site1Key);

        Assert.Equal(1, h.Counters.FastRefreshes);
        Assert.Equal(2, h.Sender.Messages.Count(m => m.Message is MapNotify));
    }

    [Fact]
    public void HandleRegistration_NoWantMapNotify_SendsNothing()
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")], notify: false), Site1Key);

        Assert.Empty(h.Sender.Sent);
    }

    [Fact]
    public void HandleRegistration_TwoXtrIds_BothKeptAndMergedInReply()
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")], xtrId: 1), Site1Key, Etr1);
        h.Send(h.Register([Record("10.1.0.0/24", 3, "127.0.0.102")], xtrId: 2), Site1Key, Etr2);
        Assert.Equal(2, h.Server.GetRegistrations().Count);

        h.Deliver(h.Request("10.1.0.7").ToArray(), Itr);
        var reply = Assert.IsType<MapReply>(h.Single().Message);
        var rlocs = Assert.Single(reply.Records).Locators.Select(l => l.Rloc).ToArray();
        Assert.Equal([InetAddress.Parse("127.0.0.101"), InetAddress.Parse("127.0.0.102")], rlocs);

        // One xTR withdraws: the other's RLOC remains.
        h.Send(h.Register([Record("10.1.0.0/24", 0, "127.0.0.101")], xtrId: 1), Site1Key, Etr1);
        Assert.Equal(IPAddress.Parse("127.0.0.102"), ((InetAddress)Assert.Single(Assert.Single(h.Server.GetRegistrations()).Locators).Rloc).Ip);
    }

    [Fact]
    public void HandleRegistration_Ipv6Prefix_Stored()
    {
        using var h = new MapServerHarness();
        h.Send(h.Register([Record("2001:db8:1::/64", 3, "127.0.0.101")]), Site1Key);

        Assert.Equal(EidPrefix.Parse("2001:db8:1::/64"), Assert.Single(h.Server.GetRegistrations()).Prefix);
        Assert.Equal(1, Assert.Single(h.Server.GetSites(), s => s.Name == "site1").RegisteredPrefixes);
    }
}
