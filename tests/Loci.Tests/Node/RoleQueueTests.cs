using System.Net;
using Loci.ControlPlane;
using Loci.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loci.Tests.Node;

/// <summary>
/// One role queue and its thread, without sockets: datagrams queued before the thread starts make
/// tail drop, order and the complete-then-drain stop deterministic.
/// </summary>
public class RoleQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly IPEndPoint Source = new(IPAddress.Parse("192.0.2.7"), 4342);

    [Fact]
    public void Enqueue_BeyondCapacity_TailDroppedAndCountedThenRestDeliveredInOrder()
    {
        var role = new RecordingRole();
        using var metrics = new RoleMetrics(null);
        var queue = NewQueue(role, metrics, capacity: 4, runsTimer: false);
        for (byte i = 0; i < 6; i++)
        {
            queue.Enqueue(Datagram([0x10, i]));
        }

        Assert.Equal(6, queue.Enqueued);
        Assert.Equal(2, queue.Dropped);
        queue.Complete();
        queue.Start();
        Assert.True(queue.Join(Timeout));
        Assert.Equal([0, 1, 2, 3], role.SecondBytes);
        Assert.Equal(4, queue.Processed);
        Assert.Equal(queue.Enqueued, queue.Processed + queue.Dropped);
    }

    [Fact]
    public void Complete_ThenEnqueue_CountedAsDropped()
    {
        var role = new RecordingRole();
        using var metrics = new RoleMetrics(null);
        var queue = NewQueue(role, metrics, capacity: 4, runsTimer: false);
        queue.Start();
        queue.Complete();
        queue.Enqueue(Datagram([0x10, 1]));
        Assert.True(queue.Join(Timeout));
        Assert.Equal(1, queue.Dropped);
        Assert.Empty(role.SecondBytes);
    }

    [Fact]
    public void Wake_LongTimerInterval_RunsTheTimerNow()
    {
        var role = new RecordingRole();
        using var metrics = new RoleMetrics(null);
        var queue = NewQueue(role, metrics, capacity: 4, runsTimer: true, TimeSpan.FromHours(1));
        queue.Start();
        queue.Wake();
        Assert.True(SpinWait.SpinUntil(() => role.Timers == 1, Timeout), "the wake-up did not run the timer");
        queue.Wake();
        Assert.True(SpinWait.SpinUntil(() => role.Timers == 2, Timeout), "the second wake-up did not run the timer");
        queue.Complete();
        Assert.True(queue.Join(Timeout));
    }

    [Fact]
    public void Wake_QueueWithoutTimer_Ignored()
    {
        var role = new RecordingRole();
        using var metrics = new RoleMetrics(null);
        var queue = NewQueue(role, metrics, capacity: 4, runsTimer: false);
        queue.Wake();
        queue.Enqueue(Datagram([0x10, 1])); // a wake-up would be taken before this datagram
        queue.Complete();
        queue.Start();
        Assert.True(queue.Join(Timeout));
        Assert.Equal([1], role.SecondBytes);
        Assert.Equal(0, role.Timers);
    }

    [Fact]
    public void Idle_TimerTicksEveryInterval()
    {
        var role = new RecordingRole();
        using var metrics = new RoleMetrics(null);
        var queue = NewQueue(role, metrics, capacity: 4, runsTimer: true, TimeSpan.FromMilliseconds(10));
        queue.Start();
        Assert.True(SpinWait.SpinUntil(() => role.Timers >= 3, Timeout), $"{role.Timers} ticks");
        queue.Complete();
        Assert.True(queue.Join(Timeout));
    }

    private static RoleQueue NewQueue(RecordingRole role, RoleMetrics metrics, int capacity, bool runsTimer, TimeSpan? timerInterval = null) =>
        new("test", capacity, role, new RoleRunnerOptions { Name = "queue-test", TimerInterval = timerInterval ?? TimeSpan.FromMilliseconds(50) }, runsTimer, metrics, NullLogger.Instance);

    private static InboundDatagram Datagram(byte[] payload) => new(payload, Source, Source);

    /// <summary>Records the second byte of each datagram (its sequence number here) and counts timer runs.</summary>
    private sealed class RecordingRole : IRole
    {
        private readonly Lock _gate = new();
        private readonly List<byte> _secondBytes = [];
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public byte[] SecondBytes
        {
            get
            {
                lock (_gate)
                {
                    return [.. _secondBytes];
                }
            }
        }

        public void Receive(in InboundDatagram datagram)
        {
            lock (_gate)
            {
                _secondBytes.Add(datagram.Payload[1]);
            }
        }

        public void OnTimer() => Interlocked.Increment(ref _timers);
    }
}
