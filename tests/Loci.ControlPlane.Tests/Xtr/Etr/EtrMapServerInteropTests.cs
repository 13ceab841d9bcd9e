using System.Net;
using Loci.ControlPlane.MapServers;
using Loci.ControlPlane.Tests.Support;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.EtrTests.EtrHarness;
using MapServerRole = Loci.ControlPlane.MapServers.MapServer;

namespace Loci.ControlPlane.Tests.Xtr.EtrTests;

/// <summary>
/// The ETR against real Map-Servers on the same manual clock, each role's sent datagrams fed to the
/// other: ms-a shares the ETR's key for it, ms-b was configured with another key (a mapping system
/// run by a party the ETR has the wrong secret for).
/// </summary>
public sealed class EtrMapServerInteropTests : IDisposable
{
    private static readonly IPEndPoint EtrEndpoint = new(IPAddress.Parse("192.0.2.1"), 4342);

    private readonly EtrHarness _etr = new();
    private readonly RecordingSender _msASender = new();
    private readonly RecordingSender _msBSender = new();
    private readonly MapServerRole _msA;
    private readonly MapServerRole _msB;

    public EtrMapServerInteropTests()
    {
        _msA = new MapServerRole(SiteWithKey(0, AuthAlgorithm.HmacSha256_128, "key-a"), _msASender, _etr.Clock, MsA);
        _msB = new MapServerRole(SiteWithKey(1, AuthAlgorithm.HmacSha1_96, "not-key-b"), _msBSender, _etr.Clock, MsB);
    }

    [Fact]
    public void Registration_MapServerWithSameKeyAcceptsAndItsNotifyVerifiesAtEtr()
    {
        _etr.Etr.OnTimer();
        Exchange();

        Assert.Equal(1, _msA.Counters.RegistersAccepted);
        Assert.Equal(0, _msA.Counters.AuthFailures);
        Assert.Equal(1, _msA.Counters.NotifiesSent);
        var rows = _msA.GetRegistrations();
        Assert.Equal([EidPrefix.Parse("10.1.0.0/16"), EidPrefix.Parse("2001:db8:1::/48")], rows.Select(r => r.Prefix).Order());
        Assert.All(rows, r => Assert.Equal(XtrId, r.XtrId));
        Assert.All(rows, r => Assert.Equal(0x5173UL, r.SiteId));
        Assert.Equal(
            [Locator("192.0.2.1", 1, 60, local: true), Locator("198.51.100.1", 2, 40)],
            rows.Single(r => r.Prefix == EidPrefix.Parse("10.1.0.0/16")).Locators.AsEnumerable());

        Assert.Equal(1, _etr.Counters.NotifiesVerified);
        Assert.True(_etr.Etr.GetMapServers().Single(s => s.Name == "ms-a").Registered);
    }

    [Fact]
    public void Registration_MapServerWithOtherKeyRejectsEveryTransmissionAndEtrFails()
    {
        _etr.Etr.OnTimer();
        Exchange();
        for (var i = 0; i < 4; i++)
        {
            _etr.Advance(TimeSpan.FromSeconds(3));
            Exchange();
        }

        Assert.Equal(4, _msB.Counters.AuthFailures); // first transmission and three retransmissions
        Assert.Equal(0, _msB.Counters.RegistersAccepted);
        Assert.Empty(_msB.GetRegistrations());
        Assert.Empty(_msBSender.Sent);
        var statuses = _etr.Etr.GetMapServers();
        Assert.Equal(EtrRegistrationState.Registered, statuses[0].State);
        Assert.Equal(EtrRegistrationState.Failing, statuses[1].State);
        Assert.False(_etr.Etr.AllRegistered);
    }

    [Fact]
    public void UpdateMapping_ReregistersAtOnceAndMapServerHoldsNewLocators()
    {
        _etr.Etr.OnTimer();
        Exchange();
        _etr.Clock.Advance(TimeSpan.FromSeconds(10));

        _etr.Etr.UpdateMapping(EidPrefix.Parse("10.1.0.0/16"), [Locator("192.0.2.77", 1, 100, local: true)]);
        _etr.Etr.OnTimer();
        Exchange();

        var row = _msA.GetRegistrations().Single(r => r.Prefix == EidPrefix.Parse("10.1.0.0/16"));
        Assert.Equal([Locator("192.0.2.77", 1, 100, local: true)], row.Locators.AsEnumerable());
        Assert.Equal(2, _msA.Counters.NotifiesSent);
        Assert.Equal(2, _etr.Counters.NotifiesVerified);
        Assert.True(_etr.Etr.GetMapServers()[0].Registered);
    }

    [Fact]
    public void RemovePrefix_WithdrawsItFromTheMapServer()
    {
        _etr.Etr.OnTimer();
        Exchange();

        _etr.Etr.RemovePrefix(EidPrefix.Parse("2001:db8:1::/48"));
        _etr.Etr.OnTimer();
        Exchange();

        Assert.Equal(1, _msA.Counters.Deregistrations);
        Assert.Equal([EidPrefix.Parse("10.1.0.0/16")], _msA.GetRegistrations().Select(r => r.Prefix));
        Assert.True(_etr.Etr.GetMapServers()[0].Registered);

        // Withdrawn once: the next periodic round carries the remaining prefix only.
        _etr.Sender.Clear();
        _etr.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(["10.1.0.0/16"], _etr.Registers(MsA).Single().Register.Records.Select(r => r.Prefix));
    }

    [Fact]
    public void MapRequest_ForwardedByMapServer_EtrAnswersTheItrAtItsPort()
    {
        _etr.Etr.OnTimer();
        Exchange();
        _msASender.Clear();
        var request = new MapRequest(
            0xFEED,
            LispAddress.None,
            new LispAddress[] { InetAddress.Parse("203.0.113.50") },
            new[] { new MapRequestRecord(InetAddress.Parse("10.1.2.3"), 32) });
        var fromResolver = new EncapsulatedControlMessage(IPAddress.Parse("203.0.113.50"), IPAddress.Parse("10.1.2.3"), 51000, 4342, request) { ToMapServer = true };

        _msA.Receive(new InboundDatagram(fromResolver.ToArray(), new IPEndPoint(IPAddress.Parse("127.0.0.30"), 4342), MsA));
        var (etrDestination, forwarded) = Assert.Single(_msASender.Sent);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 4342), etrDestination); // best registered RLOC
        _etr.Sender.Clear();
        _etr.Deliver(forwarded, MsA);

        var (destination, reply) = Assert.Single(_etr.Replies());
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.50"), 51000), destination);
        Assert.Equal(0xFEEDUL, reply.Nonce);
        var record = Assert.Single(reply.Records);
        Assert.Equal("10.1.0.0/16", record.Prefix);
        Assert.True(record.Authoritative);
    }

    public void Dispose()
    {
        _msA.Dispose();
        _msB.Dispose();
        _etr.Dispose();
    }

    private static MapServerOptions SiteWithKey(byte keyId, AuthAlgorithm algorithm, string password) => new()
    {
        Sites =
        [
            new SiteOptions
            {
                Name = "etr-site",
                Keys = [new SiteKeyOptions { KeyId = keyId, Algorithm = algorithm, Password = password }],
                AllowedPrefixes = [EidPrefix.Parse("10.1.0.0/16"), EidPrefix.Parse("2001:db8:1::/48")],
            },
        ],
    };

    /// <summary>Delivers what each side sent to the other until both are quiet, then clears the recorders.</summary>
    private void Exchange()
    {
        while (_etr.Sender.Sent.Count > 0 || _msASender.Sent.Count > 0 || _msBSender.Sent.Count > 0)
        {
            var fromEtr = _etr.Sender.Sent.ToList();
            var fromA = _msASender.Sent.ToList();
            var fromB = _msBSender.Sent.ToList();
            _etr.Sender.Clear();
            _msASender.Clear();
            _msBSender.Clear();
            foreach (var (destination, payload) in fromEtr)
            {
                Assert.NotNull(LispMessage.Parse(payload));
                var server = destination.Equals(MsA) ? _msA : destination.Equals(MsB) ? _msB : null;
                server?.Receive(new InboundDatagram(payload, EtrEndpoint, destination));
            }

            foreach (var (_, payload) in fromA)
            {
                _etr.Deliver(payload, MsA);
            }

            foreach (var (_, payload) in fromB)
            {
                _etr.Deliver(payload, MsB);
            }
        }
    }
}
