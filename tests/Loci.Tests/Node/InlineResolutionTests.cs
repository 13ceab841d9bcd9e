using System.Net;
using Loci.ControlPlane;
using Loci.Transport;

namespace Loci.Tests.Node;

/// <summary>
/// <see cref="RoleRunnerOptions.InlineResolution"/>: resolution datagrams run to completion on the
/// socket's receive thread (DESIGN.md §4); registrations (when split) and the timer keep their own thread.
/// </summary>
public class InlineResolutionTests
{
    [Fact]
    public void Inline_RequestOnTheReceiveThread_RegistrationOnItsQueue_CountersAndStop()
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var role = new ThreadRecordingRole { Sender = host };
        var runner = new RoleRunner(role, [host], new RoleRunnerOptions { Name = "inline", InlineResolution = true });
        runner.Start();
        using var client = TestSockets.Client(IPAddress.Loopback);
        for (var i = 0; i < 20; i++)
        {
            client.SendTo(new byte[] { 0x10, (byte)i }, host.LocalEndpoint);
            var (payload, _) = TestSockets.Receive(client, TimeSpan.FromSeconds(2));
            Assert.Equal(new byte[] { 0x10, (byte)i }, payload);
        }

        client.SendTo(new byte[] { 0x30 }, host.LocalEndpoint);
        WaitUntil(() => runner.RegistrationProcessed == 1 && role.Timers > 0);

        Assert.Equal(["loci udp 127.0.0.1:" + host.LocalEndpoint.Port], role.ResolutionThreads);
        Assert.Equal(["loci inline registration"], role.RegistrationThreads);
        Assert.Equal(20, runner.ResolutionEnqueued);
        Assert.Equal(20, runner.ResolutionProcessed);
        Assert.Equal(0, runner.ResolutionDropped);
        Assert.Contains(runner.Latencies, q => q.Queue == "resolution" && q.Processing.Count == 20);
        Assert.True(runner.Stop());
    }

    [Fact]
    public void Inline_WithoutSplitRegistration_EveryDatagramOnTheReceiveThread_TimerOnItsOwn()
    {
        // The Map-Resolver's set-up: one lock in the role, no registration class, a timer thread.
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var role = new ThreadRecordingRole { Sender = host };
        var runner = new RoleRunner(role, [host], new RoleRunnerOptions { Name = "inline", SplitRegistration = false, InlineResolution = true });
        runner.Start();
        using var client = TestSockets.Client(IPAddress.Loopback);
        foreach (var type in new byte[] { 0x10, 0x60, 0x30 })
        {
            client.SendTo(new byte[] { type }, host.LocalEndpoint);
        }

        for (var i = 0; i < 2; i++)
        {
            TestSockets.Receive(client, TimeSpan.FromSeconds(2));
        }

        WaitUntil(() => runner.ResolutionProcessed == 3 && role.Timers > 0);

        var receiveThread = "loci udp 127.0.0.1:" + host.LocalEndpoint.Port;
        Assert.Equal([receiveThread], role.ResolutionThreads);
        Assert.Equal([receiveThread], role.RegistrationThreads);
        Assert.Equal(["loci inline all"], role.TimerThreads);
        Assert.Equal(0, runner.RegistrationEnqueued);
        Assert.Equal(0, runner.ResolutionDropped);
        Assert.True(runner.Stop());
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 5 s");
            Thread.Sleep(5);
        }
    }

    /// <summary>Echoes resolution datagrams and records which threads ran each path.</summary>
    private sealed class ThreadRecordingRole : IRole
    {
        private readonly HashSet<string> _resolution = [];
        private readonly HashSet<string> _registration = [];
        private readonly HashSet<string> _timer = [];
        private long _timers;

        public IDatagramSender? Sender { get; init; }

        public long Timers => Interlocked.Read(ref _timers);

        public string[] ResolutionThreads
        {
            get
            {
                lock (_resolution)
                {
                    return [.. _resolution];
                }
            }
        }

        public string[] RegistrationThreads
        {
            get
            {
                lock (_registration)
                {
                    return [.. _registration];
                }
            }
        }

        public void Receive(in InboundDatagram datagram)
        {
            var set = datagram.Payload[0] >> 4 == 3 ? _registration : _resolution;
            lock (set)
            {
                set.Add(Thread.CurrentThread.Name ?? "?");
            }

            if (set == _resolution)
            {
                Sender?.Send(datagram.Source, datagram.Payload);
            }
        }

        public string[] TimerThreads
        {
            get
            {
                lock (_timer)
                {
                    return [.. _timer];
                }
            }
        }

        public void OnTimer()
        {
            lock (_timer)
            {
                _timer.Add(Thread.CurrentThread.Name ?? "?");
            }

            Interlocked.Increment(ref _timers);
        }
    }
}
