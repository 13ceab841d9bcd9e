using System.Diagnostics;
using System.Net;
using Loci.Transport;

namespace Loci.Tests.Node;

public class RoleRunnerTests
{
    [Theory]
    [InlineData(0x30, DatagramClass.Registration)] // Map-Register
    [InlineData(0x50, DatagramClass.Registration)] // Map-Notify-Ack
    [InlineData(0x70, DatagramClass.Registration)] // Info
    [InlineData(0x10, DatagramClass.Resolution)] // Map-Request
    [InlineData(0x20, DatagramClass.Resolution)] // Map-Reply
    [InlineData(0x40, DatagramClass.Resolution)] // Map-Notify
    [InlineData(0x60, DatagramClass.Resolution)] // Map-Referral
    [InlineData(0x80, DatagramClass.Resolution)] // ECM
    [InlineData(0x00, DatagramClass.Resolution)]
    public void Classify_TypeNibble_PicksQueue(byte first, DatagramClass expected) =>
        Assert.Equal(expected, RoleRunner.Classify([first, 0, 0, 0]));

    [Fact]
    public void Classify_Empty_IsResolution() => Assert.Equal(DatagramClass.Resolution, RoleRunner.Classify([]));

    [Fact]
    public void RegistrationFlood_ResolutionStillAnswered_AndDropsCounted()
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var role = new FakeRole(registrationDelay: TimeSpan.FromMilliseconds(2)) { Sender = host };
        using var runner = new RoleRunner(role, [host], new RoleRunnerOptions { RegistrationQueueCapacity = 64, Name = "test" });
        runner.Start();

        using var flooder = TestSockets.Client(IPAddress.Loopback);
        var register = new byte[64];
        register[0] = 0x30;
        for (var i = 0; i < 5000; i++)
        {
            flooder.SendTo(register, host.LocalEndpoint);
        }

        // The registration thread has at least 64 × 2 ms of backlog; a request must still be answered fast.
        using var client = TestSockets.Client(IPAddress.Loopback);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            client.SendTo(new byte[] { 0x10, (byte)i }, host.LocalEndpoint);
            var (payload, _) = TestSockets.Receive(client, TimeSpan.FromSeconds(2));
            Assert.Equal(new byte[] { 0x10, (byte)i }, payload);
        }

        watch.Stop();
        Assert.True(runner.RegistrationEnqueued > 0);
        Assert.True(runner.RegistrationDropped > 0, $"expected drops, enqueued {runner.RegistrationEnqueued}");
        Assert.True(role.Registrations < 5000);
        Assert.Equal(0, runner.ResolutionDropped);
        Assert.Equal(20, role.Resolutions);

        // Nothing is lost: once the backlog drains, every registration datagram that reached the queue
        // was either processed or counted as dropped. (Read after the drain: the three counters are
        // updated by different threads, so a mid-flight sum can be off by one.)
        WaitUntil(() => Backlog(runner) == 0);
        Assert.Equal(runner.RegistrationEnqueued, runner.RegistrationDropped + runner.RegistrationProcessed);
    }

    [Fact]
    public void SingleQueue_FullQueue_DropsCountedOnTheOneQueue()
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var role = new FakeRole(registrationDelay: TimeSpan.FromMilliseconds(5));
        using var runner = new RoleRunner(role, [host], new RoleRunnerOptions { SplitRegistration = false, ResolutionQueueCapacity = 8 });
        runner.Start();
        using var client = TestSockets.Client(IPAddress.Loopback);
        for (var i = 0; i < 500; i++)
        {
            client.SendTo(new byte[] { 0x30 }, host.LocalEndpoint);
        }

        WaitUntil(() => runner.ResolutionEnqueued >= 400);
        Assert.True(runner.ResolutionDropped > 0);
        Assert.Equal(0, runner.RegistrationEnqueued);
        Assert.Equal(0, runner.RegistrationDropped);
    }

    [Fact]
    public void Timer_RunsEvery50Milliseconds()
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var role = new FakeRole();
        using var runner = new RoleRunner(role, [host]);
        runner.Start();
        WaitUntil(() => role.Timers >= 4);
        Assert.True(runner.Stop());
        var after = role.Timers;
        Thread.Sleep(150);
        Assert.Equal(after, role.Timers);
    }

    [Fact]
    public void Stop_DrainsQueuedDatagrams()
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var role = new FakeRole(registrationDelay: TimeSpan.FromMilliseconds(1));
        var runner = new RoleRunner(role, [host], new RoleRunnerOptions { RegistrationQueueCapacity = 10_000 });
        runner.Start();
        using var client = TestSockets.Client(IPAddress.Loopback);
        for (var i = 0; i < 200; i++)
        {
            client.SendTo(new byte[] { 0x30 }, host.LocalEndpoint);
        }

        WaitUntil(() => runner.RegistrationEnqueued == 200);
        Assert.True(runner.Stop());
        Assert.Equal(200, role.Registrations);
        Assert.Equal(200, runner.RegistrationProcessed);
    }

    [Fact]
    public void RoleThrows_CountedAndNextDatagramHandled()
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var errors = 0;
        var role = new FakeRole { Sender = host, ThrowOnFirstByte = 0x1F };
        using var runner = new RoleRunner(role, [host], new RoleRunnerOptions { OnRoleError = _ => Interlocked.Increment(ref errors) });
        runner.Start();
        using var client = TestSockets.Client(IPAddress.Loopback);
        client.SendTo(new byte[] { 0x1F }, host.LocalEndpoint);
        client.SendTo(new byte[] { 0x10 }, host.LocalEndpoint);
        var (payload, _) = TestSockets.Receive(client, TimeSpan.FromSeconds(3));
        Assert.Equal(new byte[] { 0x10 }, payload);
        Assert.Equal(1, runner.RoleErrors);
        Assert.Equal(1, Volatile.Read(ref errors));
    }

    [Fact]
    public async Task RunAsync_Cancelled_Stops()
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        var role = new FakeRole { Sender = new EndpointGroup([host]) };
        using var runner = new RoleRunner(role, [host]);
        using var cancel = new CancellationTokenSource();
        var run = runner.RunAsync(cancel.Token);
        using var client = TestSockets.Client(IPAddress.IPv6Loopback);
        client.SendTo(new byte[] { 0x10, 9 }, host.LocalEndpoint);
        Assert.Equal(new byte[] { 0x10, 9 }, TestSockets.Receive(client, TimeSpan.FromSeconds(3)).Payload);
        await cancel.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static long Backlog(RoleRunner runner) =>
        runner.RegistrationEnqueued - runner.RegistrationDropped - runner.RegistrationProcessed;

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = Environment.TickCount64 + 5000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, "condition not met within 5 s");
            Thread.Sleep(10);
        }
    }
}
