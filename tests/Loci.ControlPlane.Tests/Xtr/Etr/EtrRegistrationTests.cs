using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.EtrTests.EtrHarness;

namespace Loci.ControlPlane.Tests.Xtr.EtrTests;

public class EtrRegistrationTests
{
    [Fact]
    public void OnTimer_AtStart_RegistersWithEveryMapServerSignedWithItsOwnKey()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();

        var toA = Assert.Single(h.Registers(MsA));
        var toB = Assert.Single(h.Registers(MsB));
        Assert.Equal(AuthResult.Valid, KeyA.Verify(toA.Payload));
        Assert.NotEqual(AuthResult.Valid, KeyB.Verify(toA.Payload));
        Assert.Equal(AuthResult.Valid, KeyB.Verify(toB.Payload));
        Assert.NotEqual(AuthResult.Valid, KeyA.Verify(toB.Payload));
        Assert.NotEqual(toA.Register.Nonce, toB.Register.Nonce);

        var register = toA.Register;
        Assert.True(register.WantMapNotify);
        Assert.False(register.ProxyReply);
        Assert.Equal(XtrId, register.XtrId);
        Assert.Equal(0x5173UL, register.SiteId);
        Assert.Equal(["10.1.0.0/16", "2001:db8:1::/48"], register.Records.Select(r => r.Prefix).Order());
        var record = register.Records.Single(r => r.Prefix == "10.1.0.0/16");
        Assert.Equal(1440u, record.Ttl);
        Assert.True(record.Authoritative);
        Assert.Equal([Locator("192.0.2.1", 1, 60, local: true), Locator("198.51.100.1", 2, 40)], record.Locators.AsEnumerable());
        Assert.Equal(2, h.Counters.RegistersSent);
        Assert.All(h.Etr.GetMapServers(), s => Assert.Equal(EtrRegistrationState.Registering, s.State));
    }

    [Fact]
    public void OnTimer_Periodic_RegistersAgainEverySixtySecondsWithFreshNonce()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        var first = h.Registers(MsA).Single().Register.Nonce;
        h.ConfirmAll();
        h.Sender.Clear();

        for (var i = 0; i < 59; i++)
        {
            h.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(h.Sender.Sent); // confirmed: no retransmission, and the period is not over
        h.Advance(TimeSpan.FromSeconds(1));

        var second = Assert.Single(h.Registers(MsA)).Register;
        Assert.Single(h.Registers(MsB));
        Assert.NotEqual(first, second.Nonce);
        h.Sender.Clear();
        h.ConfirmAll();
        h.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(2, h.Registers().Count);
        Assert.Equal(6, h.Counters.RegistersSent);
    }

    [Fact]
    public void OnTimer_NoMapNotify_RetransmitsSameRegisterUntilItArrivesThenStops()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        var original = h.Registers(MsA).Single();
        h.Sender.Clear();

        h.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Empty(h.Sender.Sent);
        h.Advance(TimeSpan.FromSeconds(0.1));
        var retransmitted = Assert.Single(h.Registers(MsA));
        Assert.Equal(original.Payload, retransmitted.Payload); // same bytes, same nonce
        Assert.Single(h.Registers(MsB));

        h.Deliver(NotifyFor(retransmitted.Register, KeyA), MsA);
        Assert.True(h.Etr.GetMapServers()[0].Registered);
        h.Sender.Clear();
        h.Advance(TimeSpan.FromSeconds(3));

        Assert.Empty(h.Registers(MsA));
        Assert.Single(h.Registers(MsB)); // ms-b still has not answered
        Assert.Equal(3, h.Counters.RegisterRetransmits);
        Assert.Equal(1, h.Counters.NotifiesVerified);
        Assert.False(h.Etr.AllRegistered);

        h.Deliver(NotifyFor(h.Registers(MsB).Single().Register, KeyB), MsB);
        Assert.True(h.Etr.AllRegistered);
        var status = h.Etr.GetMapServers()[1];
        Assert.Equal(h.Clock.GetUtcNow(), status.LastNotifyReceived);
        Assert.False(status.AwaitingNotify);
    }

    [Fact]
    public void OnTimer_NeverConfirmed_GivesUpAfterMaxRetransmitsUntilNextPeriod()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        h.Sender.Clear();

        for (var second = 1; second <= 59; second++)
        {
            h.Advance(TimeSpan.FromSeconds(1));
        }

        // Retransmissions at 3, 6 and 9 s; at 12 s the round has failed.
        Assert.Equal(3, h.Registers(MsA).Count);
        Assert.Equal(2, h.Counters.RegistrationRoundsFailed);
        var status = h.Etr.GetMapServers()[0];
        Assert.Equal(EtrRegistrationState.Failing, status.State);
        Assert.Equal(1, status.Failures);
        Assert.Equal(4, status.RegistersSent);
        Assert.False(status.AwaitingNotify);

        h.Sender.Clear();
        h.Advance(TimeSpan.FromSeconds(1));
        var next = Assert.Single(h.Registers(MsA)).Register;
        h.Deliver(NotifyFor(next, KeyA), MsA);
        Assert.Equal(EtrRegistrationState.Registered, h.Etr.GetMapServers()[0].State);
    }

    [Fact]
    public void Receive_NotifyWithWrongKey_RejectedAndRetransmissionGoesOn()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        var register = h.Registers(MsA).Single().Register;

        h.Deliver(NotifyFor(register, KeyB), MsA);

        Assert.Equal(1, h.Counters.NotifiesRejected);
        Assert.False(h.Etr.GetMapServers()[0].Registered);
        h.Sender.Clear();
        h.Advance(TimeSpan.FromSeconds(3));
        Assert.Single(h.Registers(MsA));
    }

    [Fact]
    public void Receive_NotifyWithRightKeyFromOtherSource_Rejected()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        var register = h.Registers(MsA).Single().Register;

        h.Deliver(NotifyFor(register, KeyA), MsB);

        Assert.Equal(1, h.Counters.NotifiesRejected);
        Assert.False(h.Etr.GetMapServers()[0].Registered);
    }

    [Fact]
    public void Receive_NotifyForOtherMapServersRegister_DoesNotConfirmIt()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        var toB = h.Registers(MsB).Single().Register;

        // ms-a's key cannot vouch for the register sent to ms-b, even when sent from ms-a's address.
        h.Deliver(NotifyFor(toB, KeyA), MsA);

        Assert.Equal(1, h.Counters.NotifiesRejected);
        Assert.All(h.Etr.GetMapServers(), s => Assert.False(s.Registered));
    }

    [Fact]
    public void Receive_UnknownNonceSignedByMapServer_AcknowledgedAsUnsolicited()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        h.Sender.Clear();
        var record = new EidRecord(InetAddress.Parse("10.1.0.0"), 16, 1440, new[] { Locator("192.0.2.1") });
        var unsolicited = new MapNotify(0xABCDEF, new[] { record }).ToSignedArray(KeyA);

        h.Deliver(unsolicited, MsA);

        var (destination, message) = Assert.Single(h.Sent);
        Assert.Equal(MsA, destination);
        var ack = Assert.IsType<MapNotifyAck>(message);
        Assert.Equal(0xABCDEFUL, ack.Nonce);
        Assert.Equal([record], ack.Records.AsEnumerable());
        Assert.Equal(AuthResult.Valid, KeyA.Verify(h.Sender.Sent[0].Payload));
        Assert.Equal(1, h.Counters.NotifiesUnsolicited);
        Assert.Equal(1, h.Counters.NotifyAcksSent);
        Assert.False(h.Etr.GetMapServers()[0].Registered); // an unsolicited notify confirms nothing
    }

    [Fact]
    public void Receive_UnknownNonceBadKey_DroppedWithoutAck()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        h.Sender.Clear();
        var forged = new MapNotify(0xABCDEF, Array.Empty<EidRecord>()).ToSignedArray(AuthenticationKey.FromPassword("guess"));

        h.Deliver(forged, MsA);
        h.Deliver(new MapNotify(0xABCDEF, Array.Empty<EidRecord>()).ToSignedArray(KeyA), ItrV4);

        Assert.Empty(h.Sender.Sent);
        Assert.Equal(2, h.Counters.NotifiesRejected);
    }

    [Fact]
    public void Receive_NotifyForSupersededRound_CountedLateWithoutAck()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        var old = h.Registers(MsA).Single().Register;
        h.Etr.UpdateMapping(EidPrefix.Parse("10.1.0.0/16"), [Locator("192.0.2.7")]);
        h.Etr.OnTimer(); // re-registers at once: a new round replaces the one in flight
        h.Sender.Clear();

        h.Deliver(NotifyFor(old, KeyA), MsA);

        Assert.Empty(h.Sender.Sent);
        Assert.Equal(1, h.Counters.NotifiesLate);
        Assert.False(h.Etr.GetMapServers()[0].Registered);
    }

    [Fact]
    public void OnTimer_WantMapNotifyOff_NoMBitNoRetransmissionUnconfirmed()
    {
        using var h = new EtrHarness(o => o with { WantMapNotify = false });
        h.Etr.OnTimer();
        Assert.All(h.Registers(), r => Assert.False(r.Register.WantMapNotify));
        h.Sender.Clear();

        h.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(h.Sender.Sent);
        Assert.All(h.Etr.GetMapServers(), s => Assert.Equal(EtrRegistrationState.Unconfirmed, s.State));
        Assert.False(h.Etr.AllRegistered);
    }

    [Fact]
    public void OnTimer_PrefixesAssignedToMapServers_EachGetsOnlyItsOwn()
    {
        using var h = new EtrHarness(o => o with
        {
            Database =
            [
                Prefix("10.1.0.0/16", Locator("192.0.2.1")) with { MapServers = ["ms-a"] },
                Prefix("10.2.0.0/16", Locator("192.0.2.1")) with { MapServers = ["ms-b"] },
                Prefix("10.3.0.0/16", Locator("192.0.2.1")),
            ],
        });
        h.Etr.OnTimer();

        Assert.Equal(["10.1.0.0/16", "10.3.0.0/16"], h.Registers(MsA).Single().Register.Records.Select(r => r.Prefix).Order());
        Assert.Equal(["10.2.0.0/16", "10.3.0.0/16"], h.Registers(MsB).Single().Register.Records.Select(r => r.Prefix).Order());
        Assert.All(h.Etr.GetMapServers(), s => Assert.Equal(2, s.Prefixes));
    }

    [Fact]
    public void OnTimer_ProxyAndMergeBits_GroupedIntoSeparateRegisters()
    {
        using var h = new EtrHarness(o => o with
        {
            MapServers = [o.MapServers[0]],
            Database =
            [
                Prefix("10.1.0.0/16", Locator("192.0.2.1")),
                Prefix("10.2.0.0/16", Locator("192.0.2.1")) with { ProxyReply = true },
                Prefix("10.3.0.0/16", Locator("192.0.2.1")) with { ProxyReply = true },
                Prefix("10.4.0.0/16", Locator("192.0.2.1")) with { Merge = true },
            ],
        });
        h.Etr.OnTimer();

        var registers = h.Registers(MsA).Select(r => r.Register).ToList();
        Assert.Equal(3, registers.Count);
        Assert.Equal(["10.1.0.0/16"], registers.Single(r => !r.ProxyReply && !r.Merge).Records.Select(r => r.Prefix));
        Assert.Equal(["10.2.0.0/16", "10.3.0.0/16"], registers.Single(r => r.ProxyReply).Records.Select(r => r.Prefix).Order());
        Assert.Equal(["10.4.0.0/16"], registers.Single(r => r.Merge).Records.Select(r => r.Prefix));

        // The round is confirmed only when every register of it is.
        h.Deliver(NotifyFor(registers[0], KeyA), MsA);
        h.Deliver(NotifyFor(registers[1], KeyA), MsA);
        Assert.False(h.Etr.GetMapServers()[0].Registered);
        h.Deliver(NotifyFor(registers[2], KeyA), MsA);
        Assert.True(h.Etr.AllRegistered);
    }

    [Fact]
    public void OnTimer_LargeDatabase_SplitIntoRegistersThatFitOneDatagram()
    {
        var prefixes = Enumerable.Range(0, 300).Select(i => Prefix($"10.{i / 256}.{i % 256}.0/24", Locator("192.0.2.1"), Locator("198.51.100.1"))).ToList();
        using var h = new EtrHarness(o => o with { MapServers = [o.MapServers[0]], Database = prefixes });
        h.Etr.OnTimer();

        var registers = h.Registers(MsA);
        Assert.True(registers.Count > 1);
        Assert.All(registers, r => Assert.True(r.Payload.Length <= 1400, $"{r.Payload.Length} bytes"));
        Assert.All(registers, r => Assert.Equal(AuthResult.Valid, KeyA.Verify(r.Payload)));
        Assert.Equal(
            prefixes.Select(p => p.Prefix.ToString()).Order(),
            registers.SelectMany(r => r.Register.Records).Select(r => r.Prefix).Order());
    }

    [Fact]
    public void Constructor_NoXtrIdConfigured_DrawsRandomOne()
    {
        using var a = new EtrHarness(o => o with { XtrId = null });
        using var b = new EtrHarness(o => o with { XtrId = null });

        Assert.NotEqual(a.Etr.XtrId, b.Etr.XtrId);
        a.Etr.OnTimer();
        Assert.All(a.Registers(), r => Assert.Equal(a.Etr.XtrId, r.Register.XtrId));
    }
}
