using System.Net;
using Loci.Transport;
using Microsoft.Extensions.Logging;

namespace Loci.Tests.Node;

/// <summary>
/// What the transport logs: start and stop at Information; a role that throws on every datagram and a
/// queue that overflows under a flood each give one aggregated line per interval, not one per datagram.
/// </summary>
public class RoleRunnerLoggingTests
{
    private const int RoleStarted = 100;
    private const int RoleStopped = 101;
    private const int QueueFull = 103;
    private const int RoleThrew = 104;

    [Fact]
    public void RoleThrowsOnEveryDatagram_OneErrorWithTheException()
    {
        using var capture = new CapturingLoggerProvider();
        using var loggers = capture.Factory(LogLevel.Debug);
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var role = new FakeRole { ThrowOnFirstByte = 0x1F };
        var runner = new RoleRunner(role, [host], new RoleRunnerOptions { Name = "poisoned" }, loggers.CreateLogger<RoleRunner>());
        runner.Start();
        using var client = TestSockets.Client(IPAddress.Loopback);
        for (var i = 0; i < 200; i++)
        {
            client.SendTo(new byte[] { 0x1F }, host.LocalEndpoint);
        }

        Assert.True(SpinWait.SpinUntil(() => runner.RoleErrors == 200, TimeSpan.FromSeconds(5)), $"{runner.RoleErrors} role errors");
        runner.Dispose();

        var threw = Assert.Single(capture.Entries, e => e.EventId == RoleThrew);
        Assert.Equal(LogLevel.Error, threw.Level);
        Assert.IsType<InvalidOperationException>(threw.Exception);
        Assert.Contains("poisoned", threw.Message, StringComparison.Ordinal);
        Assert.Contains("map-request", threw.Message, StringComparison.Ordinal); // 0x1F: type nibble 1
        Assert.Contains(capture.Entries, e => e.EventId == RoleStarted && e.Level == LogLevel.Information && e.Message.Contains(host.LocalEndpoint.ToString(), StringComparison.Ordinal));
        var stopped = Assert.Single(capture.Entries, e => e.EventId == RoleStopped);
        Assert.Contains("200 role error(s)", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueueOverflows_OneWarningForTheWholeFlood()
    {
        using var capture = new CapturingLoggerProvider();
        using var loggers = capture.Factory(LogLevel.Debug);
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var role = new FakeRole(registrationDelay: TimeSpan.FromMilliseconds(5));
        using var runner = new RoleRunner(role, [host], new RoleRunnerOptions { SplitRegistration = false, ResolutionQueueCapacity = 8 }, loggers.CreateLogger<RoleRunner>());
        runner.Start();
        using var client = TestSockets.Client(IPAddress.Loopback);
        for (var i = 0; i < 500; i++)
        {
            client.SendTo(new byte[] { 0x30 }, host.LocalEndpoint);
        }

        Assert.True(SpinWait.SpinUntil(() => runner.ResolutionEnqueued >= 400, TimeSpan.FromSeconds(5)));
        Assert.True(runner.ResolutionDropped > 1, $"{runner.ResolutionDropped} drops");

        var full = Assert.Single(capture.Entries, e => e.EventId == QueueFull);
        Assert.Equal(LogLevel.Warning, full.Level);
        Assert.Contains("all queue is full (8 datagrams)", full.Message, StringComparison.Ordinal);
    }
}
