using System.Net;
using Loci.ControlPlane;
using Loci.Transport;

namespace Loci.Tests.Node;

/// <summary>
/// The bounded FIFO between a socket's receive thread and a role's queue thread: order, tail drop,
/// wake-up coalescing, completion, waiting, and the buffer reuse that makes it allocation-free.
/// </summary>
public class DatagramQueueTests
{
    private static readonly IPEndPoint Source = new(IPAddress.Parse("192.0.2.7"), 4342);
    private static readonly IPEndPoint Local = new(IPAddress.Loopback, 4342);

    [Fact]
    public void TryEnqueue_ThenTake_FifoOrderWithCopiesAndEndpoints()
    {
        var queue = new DatagramQueue(16);
        var payload = new byte[] { 0x10, 0, 0 };
        for (byte i = 0; i < 10; i++)
        {
            payload[1] = i;
            Assert.True(Enqueue(queue, payload, enqueuedAt: 100 + i));
        }

        payload[1] = 0xEE; // the queue copied each datagram: changing the receive buffer changes nothing queued
        for (byte i = 0; i < 10; i++)
        {
            Assert.Equal(QueueTake.Datagram, queue.Take(0, out var datagram));
            Assert.Equal(new byte[] { 0x10, i, 0 }, datagram.Buffer.AsSpan(0, datagram.Length).ToArray());
            Assert.Same(Source, datagram.Source);
            Assert.Same(Local, datagram.Local);
            Assert.Equal(100 + i, datagram.EnqueuedAt);
        }

        Assert.Equal(QueueTake.TimedOut, queue.Take(0, out _));
    }

    [Fact]
    public void TryEnqueue_AtCapacity_DropsTheArrivalAndKeepsTheQueued()
    {
        var queue = new DatagramQueue(3);
        Assert.True(Enqueue(queue, [1]));
        Assert.True(Enqueue(queue, [2]));
        Assert.True(Enqueue(queue, [3]));
        Assert.False(Enqueue(queue, [4]));
        Assert.False(Enqueue(queue, [5]));
        Assert.Equal(3, queue.Count);

        // Taking one makes room for exactly one more, at the tail.
        Assert.Equal(1, TakePayload(queue)[0]);
        Assert.True(Enqueue(queue, [6]));
        Assert.False(Enqueue(queue, [7]));
        Assert.Equal([2, 3, 6], new[] { TakePayload(queue)[0], TakePayload(queue)[0], TakePayload(queue)[0] });
    }

    [Fact]
    public void TryEnqueue_RingWrapsAndGrowsToCapacity_OrderKept()
    {
        const int Capacity = 1000;
        var queue = new DatagramQueue(Capacity);
        var next = 0;
        var expected = 0;

        // Move the head off zero, so the ring holds a wrapped run when it has to grow.
        for (var i = 0; i < 50; i++)
        {
            Assert.True(Enqueue(queue, BitConverter.GetBytes(next++)));
            Assert.Equal(expected++, BitConverter.ToInt32(TakePayload(queue)));
        }

        while (Enqueue(queue, BitConverter.GetBytes(next)))
        {
            next++;
        }

        Assert.Equal(Capacity, queue.Count);
        for (var i = 0; i < Capacity; i++)
        {
            Assert.Equal(expected++, BitConverter.ToInt32(TakePayload(queue)));
        }
    }

    [Fact]
    public void Take_Sizes_EmptyTypicalAndOversizedPayloadsComeBackWhole()
    {
        var queue = new DatagramQueue(8);
        var large = new byte[DatagramQueue.MaxKeptBufferSize + 1000];
        Random.Shared.NextBytes(large);
        var medium = new byte[DatagramQueue.MinBufferSize + 1];
        Random.Shared.NextBytes(medium);
        Assert.True(Enqueue(queue, []));
        Assert.True(Enqueue(queue, large));
        Assert.True(Enqueue(queue, medium));
        Assert.Empty(TakePayload(queue));
        Assert.Equal(large, TakePayload(queue));
        Assert.Equal(medium, TakePayload(queue));
    }

    [Fact]
    public void Take_OneAtATime_ReusesOneBuffer()
    {
        // The steady state of a queue that empties between datagrams: the buffer handed out comes back
        // at the next take and carries the next datagram, so nothing is allocated per datagram.
        var queue = new DatagramQueue(8);
        Assert.True(Enqueue(queue, [0x10, 1]));
        Assert.Equal(QueueTake.Datagram, queue.Take(0, out var first));
        Assert.Equal(QueueTake.TimedOut, queue.Take(0, out _));
        Assert.True(Enqueue(queue, [0x10, 2, 3]));
        Assert.Equal(QueueTake.Datagram, queue.Take(0, out var second));
        Assert.Same(first.Buffer, second.Buffer);
        Assert.Equal(new byte[] { 0x10, 2, 3 }, second.Buffer.AsSpan(0, second.Length).ToArray());
    }

    [Fact]
    public void Take_TakenBuffer_StaysIntactWhileMoreArrive()
    {
        var queue = new DatagramQueue(8);
        Assert.True(Enqueue(queue, [1, 1, 1]));
        Assert.Equal(QueueTake.Datagram, queue.Take(0, out var handling));
        for (byte i = 2; i < 8; i++)
        {
            Assert.True(Enqueue(queue, [i, i, i]));
        }

        Assert.Equal(new byte[] { 1, 1, 1 }, handling.Buffer.AsSpan(0, handling.Length).ToArray());
    }

    [Fact]
    public void Wake_Repeated_CoalescesIntoOneWakeBeforeTheQueuedDatagrams()
    {
        var queue = new DatagramQueue(2);
        Assert.True(Enqueue(queue, [1]));
        Assert.True(Enqueue(queue, [2]));
        queue.Wake();
        queue.Wake();
        queue.Wake(); // the queue is full: a wake-up still gets through

        Assert.Equal(QueueTake.Wake, queue.Take(0, out _));
        Assert.Equal(1, TakePayload(queue)[0]);
        queue.Wake();
        Assert.Equal(QueueTake.Wake, queue.Take(0, out _));
        Assert.Equal(2, TakePayload(queue)[0]);
        Assert.Equal(QueueTake.TimedOut, queue.Take(0, out _));
    }

    [Fact]
    public void Complete_WithDatagramsQueued_DrainsThemThenCompletes()
    {
        var queue = new DatagramQueue(8);
        Assert.True(Enqueue(queue, [1]));
        Assert.True(Enqueue(queue, [2]));
        queue.Complete();
        Assert.False(Enqueue(queue, [3]));
        queue.Wake(); // ignored once completed

        Assert.Equal(1, TakePayload(queue)[0]);
        Assert.Equal(2, TakePayload(queue)[0]);
        Assert.Equal(QueueTake.Completed, queue.Take(Timeout.Infinite, out _));
        Assert.Equal(QueueTake.Completed, queue.Take(Timeout.Infinite, out _));
    }

    [Fact]
    public void Take_Empty_TimesOut()
    {
        var queue = new DatagramQueue(8);
        Assert.Equal(QueueTake.TimedOut, queue.Take(0, out _));
        Assert.Equal(QueueTake.TimedOut, queue.Take(20, out _));
    }

    [Theory]
    [InlineData("datagram")]
    [InlineData("wake")]
    [InlineData("complete")]
    public void Take_Waiting_ReturnsWhenAnotherThreadSignals(string signal)
    {
        var queue = new DatagramQueue(8);
        var taken = -1;
        var taker = new Thread(() => Volatile.Write(ref taken, (int)queue.Take(Timeout.Infinite, out _))) { IsBackground = true };
        taker.Start();
        Assert.True(SpinWait.SpinUntil(() => queue.TakerWaiting, TimeSpan.FromSeconds(5)), "the taker never waited");

        QueueTake expected;
        switch (signal)
        {
            case "datagram":
                Assert.True(Enqueue(queue, [0x10]));
                expected = QueueTake.Datagram;
                break;
            case "wake":
                queue.Wake();
                expected = QueueTake.Wake;
                break;
            default:
                queue.Complete();
                expected = QueueTake.Completed;
                break;
        }

        Assert.True(taker.Join(TimeSpan.FromSeconds(5)), "the taker was not woken");
        Assert.Equal(expected, (QueueTake)Volatile.Read(ref taken));
    }

    [Fact]
    public void TryEnqueue_SeveralProducers_EveryDatagramOnceAndEachProducersInOrder()
    {
        const int Producers = 3;
        const int PerProducer = 20_000;
        var queue = new DatagramQueue(64);
        var threads = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            var payload = new byte[5];
            payload[0] = (byte)p;
            for (var i = 0; i < PerProducer; i++)
            {
                BitConverter.TryWriteBytes(payload.AsSpan(1), i);
                while (!Enqueue(queue, payload))
                {
                    Thread.Yield(); // full: this test wants every datagram, so it retries instead of dropping
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        var next = new int[Producers];
        for (var taken = 0; taken < Producers * PerProducer; taken++)
        {
            Assert.Equal(QueueTake.Datagram, queue.Take(5000, out var datagram));
            var producer = datagram.Buffer[0];
            Assert.Equal(next[producer]++, BitConverter.ToInt32(datagram.Buffer, 1));
        }

        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(5))));
        Assert.All(next, n => Assert.Equal(PerProducer, n));
    }

    private static bool Enqueue(DatagramQueue queue, byte[] payload, long enqueuedAt = 0) =>
        queue.TryEnqueue(new InboundDatagram(payload, Source, Local), enqueuedAt);

    private static byte[] TakePayload(DatagramQueue queue)
    {
        Assert.Equal(QueueTake.Datagram, queue.Take(0, out var datagram));
        return datagram.Buffer.AsSpan(0, datagram.Length).ToArray();
    }
}
