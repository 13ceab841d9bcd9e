using System.Buffers;
using System.Threading.Channels;
using Loci.ControlPlane;

namespace Loci.Transport;

/// <summary>
/// One bounded FIFO of datagrams and the dedicated thread that drains it into a role. The receive
/// threads only copy and enqueue; this thread runs the role to completion per datagram and, when
/// asked, also runs the role's timer.
/// </summary>
internal sealed class RoleQueue
{
    /// <summary>
    /// Overflow policy "tail drop": when the queue is full the arriving datagram is dropped and
    /// counted; what is queued stays queued and keeps its order. LISP senders retransmit (Map-Request
    /// after 1 s, Map-Register every 60 s), so a dropped arrival costs a retry, not state.
    /// </summary>
    public const BoundedChannelFullMode OverflowPolicy = BoundedChannelFullMode.DropWrite;

    private readonly Channel<QueuedDatagram> _channel;
    private readonly IRole _role;
    private readonly RoleRunnerOptions _options;
    private readonly bool _runsTimer;
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly Thread _thread;
    private long _enqueued;
    private long _dropped;
    private long _processed;
    private long _roleErrors;

    public RoleQueue(string queueName, int capacity, IRole role, RoleRunnerOptions options, bool runsTimer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        QueueName = queueName;
        _role = role;
        _options = options;
        _runsTimer = runsTimer;
        _tags = [new("role", options.Name), new("queue", queueName)];
        _channel = Channel.CreateBounded<QueuedDatagram>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = OverflowPolicy,
                SingleReader = true,
                SingleWriter = false,
                AllowSynchronousContinuations = false,
            },
            OnDropped);
        _thread = new Thread(Drain)
        {
            IsBackground = true,
            Name = $"loci {options.Name} {queueName}",
        };
    }

    public string QueueName { get; }

    public long Enqueued => Interlocked.Read(ref _enqueued);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Processed => Interlocked.Read(ref _processed);

    public long RoleErrors => Interlocked.Read(ref _roleErrors);

    public void Start() => _thread.Start();

    /// <summary>Copies the datagram into a pooled buffer and queues it (or drops it when full).</summary>
    public void Enqueue(in InboundDatagram datagram)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, datagram.Payload.Length));
        datagram.Payload.CopyTo(buffer);
        Interlocked.Increment(ref _enqueued);
        TransportMetrics.Received.Add(1, _tags);
        if (!_channel.Writer.TryWrite(new QueuedDatagram(buffer, datagram.Payload.Length, datagram.Source, datagram.Local)))
        {
            // Only after Complete (shutting down): the datagram never reached the queue.
            OnDropped(new QueuedDatagram(buffer, 0, datagram.Source, datagram.Local));
        }
    }

    /// <summary>No more datagrams: the thread drains what is queued, then ends.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Waits for the drain; false when the role did not finish within <paramref name="timeout"/>.</summary>
    public bool Join(TimeSpan timeout) =>
        _thread.ThreadState == ThreadState.Unstarted || _thread == Thread.CurrentThread || _thread.Join(timeout);

    private void OnDropped(QueuedDatagram datagram)
    {
        ArrayPool<byte>.Shared.Return(datagram.Buffer);
        Interlocked.Increment(ref _dropped);
        TransportMetrics.Dropped.Add(1, _tags[0], _tags[1], new("reason", "queue_full"));
    }

    private void Drain()
    {
        var reader = _channel.Reader;
        var interval = (long)_options.TimerInterval.TotalMilliseconds;
        var nextTimer = Environment.TickCount64 + interval;
        Task<bool>? waiting = null;
        while (true)
        {
            while (reader.TryRead(out var datagram))
            {
                Deliver(datagram);
                if (_runsTimer && Environment.TickCount64 >= nextTimer)
                {
                    nextTimer = RunTimer(interval);
                }
            }

            if (_runsTimer && Environment.TickCount64 >= nextTimer)
            {
                nextTimer = RunTimer(interval);
            }

            // One wait outstanding at a time: a timed-out wait is kept and waited on again, so an idle
            // queue does not pile up waiters 20 times a second.
            waiting ??= reader.WaitToReadAsync().AsTask();
            var timeout = _runsTimer ? (int)Math.Clamp(nextTimer - Environment.TickCount64, 0, interval) : Timeout.Infinite;
            if (!waiting.Wait(timeout))
            {
                continue;
            }

            var more = waiting.Result;
            waiting = null;
            if (!more)
            {
                return;
            }
        }
    }

    private void Deliver(QueuedDatagram datagram)
    {
        try
        {
            _role.Receive(new InboundDatagram(datagram.Buffer.AsSpan(0, datagram.Length), datagram.Source, datagram.Local));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReportRoleError(e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(datagram.Buffer);
            Interlocked.Increment(ref _processed);
        }
    }

    private long RunTimer(long interval)
    {
        try
        {
            _role.OnTimer();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReportRoleError(e);
        }

        return Environment.TickCount64 + interval;
    }

    private void ReportRoleError(Exception e)
    {
        Interlocked.Increment(ref _roleErrors);
        TransportMetrics.RoleErrors.Add(1, _tags);
        _options.OnRoleError?.Invoke(e);
    }
}
