using System.Net;
using Loci.ControlPlane.Tests.Support;
using Loci.Wire;
using Microsoft.Extensions.Logging;
using static Loci.ControlPlane.Tests.MapServer.MapServerHarness;
using MapServerRole = Loci.ControlPlane.MapServers.MapServer;

namespace Loci.ControlPlane.Tests.Logging;

/// <summary>
/// What the Map-Server tells an operator (issue 4): registrations appearing, withdrawn and expiring at
/// Information; authentication and policy failures at Warning, at most once per site per interval
/// with a count; per-datagram detail at Debug only.
/// </summary>
public sealed class MapServerLoggingTests : IDisposable
{
    private const int AuthenticationFailed = 203;
    private const int RegisterRejected = 204;
    private const int Registered = 205;
    private const int Deregistered = 206;
    private const int Expired = 207;
    private const int Malformed = 200;

    private readonly ManualTimeProvider _clock = new();
    private readonly RecordingSender _sender = new();
    private readonly CapturingLogger _log = new();
    private readonly MapServerRole _server;
    private ulong _nonce = 1;

    public MapServerLoggingTests()
    {
        _server = new MapServerRole(DefaultOptions(), _sender, _clock, Local, logger: _log);
    }

    [Fact]
    public void WrongKey_FloodFromOneSite_OneWarningPerIntervalCarryingTheCount()
    {
        for (var i = 0; i < 500; i++)
        {
            Send(Register("10.1.0.0/24", 3, "127.0.0.101"), WrongKey);
            _clock.Advance(TimeSpan.FromMilliseconds(10)); // 5 s in all: well inside the interval
        }

        var warning = Assert.Single(_log.AboveDebug);
        Assert.Equal(AuthenticationFailed, warning.EventId);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("site1", warning.Values["Site"]);
        Assert.Equal(1L, warning.Values["Failures"]);
        Assert.Contains("127.0.0.101", warning.Message, StringComparison.Ordinal);

        // The timer reports the rest once the interval is over, and only then.
        _server.OnTimer();
        Assert.Single(_log.Event(AuthenticationFailed));
        _clock.Advance(MapServerRole.WarningInterval);
        _server.OnTimer();
        _server.OnTimer();
        var summary = _log.Event(AuthenticationFailed)[^1];
        Assert.Equal(2, _log.Event(AuthenticationFailed).Count);
        Assert.Equal(499L, summary.Values["Failures"]);
        Assert.Equal(500, _server.Counters.AuthFailures);
    }

    [Fact]
    public void WrongKey_TwoSites_EachSiteWarnedOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            Send(Register("10.1.0.0/24", 3, "127.0.0.101"), WrongKey);
            Send(Register("10.2.0.0/24", 3, "192.0.2.1"), WrongKey);
        }

        var warnings = _log.Event(AuthenticationFailed);
        Assert.Equal(["site1", "site2"], warnings.Select(w => (string)w.Values["Site"]!).Order());
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
    }

    [Fact]
    public void WrongKey_AfterTheInterval_NextFailureWarnsAgainWithTheCount()
    {
        Send(Register("10.1.0.0/24", 3, "127.0.0.101"), WrongKey);
        Send(Register("10.1.0.0/24", 3, "127.0.0.101"), WrongKey);
        _clock.Advance(MapServerRole.WarningInterval);
        Send(Register("10.1.0.0/24", 3, "127.0.0.101"), WrongKey);

        Assert.Equal([1L, 2L], _log.Event(AuthenticationFailed).Select(w => (long)w.Values["Failures"]!));
    }

    [Fact]
    public void NewRegistration_InformationOnce_RefreshesAreQuiet()
    {
        var register = Register("10.1.0.0/24", 3, "127.0.0.101");
        Send(register, Site1Key);
        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(60));
            Send(register with { Nonce = _nonce++ }, Site1Key);
        }

        var registered = Assert.Single(_log.AboveDebug);
        Assert.Equal(Registered, registered.EventId);
        Assert.Equal(LogLevel.Information, registered.Level);
        Assert.Contains("site1", registered.Message, StringComparison.Ordinal);
        Assert.Contains("10.1.0.0/24", registered.Message, StringComparison.Ordinal);
        Assert.Equal(11, _server.Counters.RegistersAccepted);
    }

    [Fact]
    public void Registration_NotRefreshed_ExpiryLoggedAtInformation()
    {
        Send(Register("10.1.0.0/24", 3, "127.0.0.101"), Site1Key);
        _clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        _server.OnTimer();

        var expired = Assert.Single(_log.Event(Expired));
        Assert.Equal(LogLevel.Information, expired.Level);
        Assert.Contains("10.1.0.0/24", expired.Message, StringComparison.Ordinal);
        Assert.Contains("site1", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordTtlZero_WithdrawalLoggedAtInformation()
    {
        Send(Register("10.1.0.0/24", 3, "127.0.0.101"), Site1Key);
        Send(Register("10.1.0.0/24", 0), Site1Key);

        var withdrawn = Assert.Single(_log.Event(Deregistered));
        Assert.Equal(LogLevel.Information, withdrawn.Level);
        Assert.Contains("10.1.0.0/24", withdrawn.Message, StringComparison.Ordinal);
        Assert.Empty(_server.GetRegistrations());
    }

    [Fact]
    public void RlocOutsideTheSite_PolicyWarningOncePerInterval()
    {
        for (var i = 0; i < 5; i++)
        {
            Send(Register("10.2.0.0/24", 3, "198.51.100.1"), Site2Key); // site2 allows RLOCs in 192.0.2.0/24 only
        }

        var warning = Assert.Single(_log.AboveDebug);
        Assert.Equal(RegisterRejected, warning.EventId);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("10.2.0.0/24", warning.Message, StringComparison.Ordinal);
        Assert.Equal(5, _server.Counters.PrefixRejected);
    }

    [Fact]
    public void TruncatedDatagrams_DebugOnlyWithTheWireError()
    {
        var request = Request(0x99, "10.1.0.7").ToArray();
        var register = Register("10.1.0.0/24", 3, "127.0.0.101").ToSignedArray(Site1Key);
        for (var length = 1; length < 20; length++)
        {
            Deliver(request[..length]);
            Deliver(register[..length]);
        }

        Assert.Empty(_log.AboveDebug);
        var malformed = _log.Event(Malformed);
        Assert.Equal(_server.Counters.MalformedDropped, malformed.Count);
        Assert.All(malformed, e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.Contains(malformed, e => e.Message.Contains("truncated", StringComparison.Ordinal) && e.Message.Contains("at byte", StringComparison.Ordinal));
    }

    [Fact]
    public void MapRequest_AnsweredAtDebug()
    {
        Send(Register("10.1.0.0/24", 3, "127.0.0.101"), Site1Key);
        _log.Clear();

        Deliver(Request(0x42, "10.1.0.7").ToArray());
        Deliver(Request(0x43, "10.1.200.1").ToArray());

        Assert.Empty(_log.AboveDebug);
        Assert.Equal(2, _log.Event(210).Count); // request received
        Assert.Single(_log.Event(211)); // proxy reply
        Assert.Single(_log.Event(213)); // negative reply
    }

    public void Dispose() => _server.Dispose();

    private static MapRequest Request(ulong nonce, string eid) =>
        new(nonce, LispAddress.None, new LispAddress[] { InetAddress.Parse("127.0.0.50") }, new[] { new MapRequestRecord(InetAddress.Parse(eid), 32) });

    private MapRegister Register(string prefix, uint ttl, params string[] rlocs) =>
        new(_nonce++, new[] { Record(prefix, ttl, rlocs) }) { ProxyReply = true };

    private void Send(MapRegister register, AuthenticationKey key) => Deliver(register.ToSignedArray(key), Etr1);

    private void Deliver(byte[] payload, IPEndPoint? from = null) => _server.Receive(new InboundDatagram(payload, from ?? Itr, Local));
}
