using System.Threading.Channels;
using Loci.ControlPlane;
using Loci.ControlPlane.Observability;
using Microsoft.Extensions.Logging;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Loci.Transport;

/// <summary>
/// One bounded FIFO of datagrams (<see cref="DatagramQueue"/>) and the dedicated thread that drains it
/// into a role. The receive threads only copy and enqueue; this thread runs the role to completion
/// per datagram and, when asked, also runs the role's timer. Neither side allocates per datagram
/// (issue 6). It times each datagram's wait in the queue and its
/// <c>role.Receive</c> (<see cref="RoleMetrics"/>, and <see cref="Processing"/>/<see cref="Waiting"/>
/// for the API) with two <see cref="Stopwatch.GetTimestamp"/> calls and no allocation.
/// </summary>
internal sealed class RoleQueue
{
    /// <summary>
    /// Overflow policy "tail drop": when the queue is full the arriving datagram is dropped and
    /// counted; what is queued stays queued and keeps its order. LISP senders retransmit (Map-Request
    /// after 1 s, Map-Register every 60 s), so a dropped arrival costs a retry, not state. Named in
    /// the Channels vocabulary; <see cref="DatagramQueue.TryEnqueue"/> implements it.
    /// </summary>
    public const BoundedChannelFullMode OverflowPolicy = BoundedChannelFullMode.DropWrite;

    private readonly DatagramQueue _queue;
    private readonly IRole _role;
    private readonly RoleRunnerOptions _options;
    private readonly bool _runsTimer;
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly KeyValuePair<string, object?>[][] _typeTags;
    private readonly RoleMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LogRateLimit _dropReports;
    private readonly LogRateLimit _errorReports;
    private readonly Action? _onTimer;
    private readonly int _capacity;
    private readonly Thread _thread;
    private long _enqueued;
    private long _dropped;
    private long _processed;
    private long _roleErrors;

    /// <param name="onTimer">Runs on this thread after each role timer (the runner's periodic log summaries); only with <paramref name="runsTimer"/>.</param>
    public RoleQueue(string queueName, int capacity, IRole role, RoleRunnerOptions options, bool runsTimer, RoleMetrics metrics, ILogger logger, Action? onTimer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        QueueName = queueName;
        _role = role;
        _options = options;
        _runsTimer = runsTimer;
        _capacity = capacity;
        _metrics = metrics;
        _logger = logger;
        _onTimer = onTimer;
        _dropReports = new LogRateLimit(RoleRunner.ReportInterval, TimeProvider.System);
        _errorReports = new LogRateLimit(RoleRunner.ReportInterval, TimeProvider.System);
        _tags = [new("role", options.Name), new("queue", queueName)];
        _typeTags = RoleMetrics.TagsFor(options.Name, queueName);
        _queue = new DatagramQueue(capacity);
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

    /// <summary>Time in <c>role.Receive</c> per datagram, cumulative since start.</summary>
    public LatencyRecorder Processing { get; } = new();

    /// <summary>Time from enqueue to dequeue per datagram, cumulative since start.</summary>
    public LatencyRecorder Waiting { get; } = new();

    public void Start() => _thread.Start();

    /// <summary>
    /// Inline mode (<see cref="RoleRunnerOptions.InlineResolution"/>): runs the role on the calling
    /// receive thread, counted and timed like a queued datagram with no wait; the queue's own thread
    /// is never started. Any number of receive threads at once.
    /// </summary>
    public void RunInline(in InboundDatagram datagram)
    {
        Interlocked.Increment(ref _enqueued);
        TransportMetrics.Received.Add(1, _tags);
        Deliver(datagram, Stopwatch.GetTimestamp());
    }

    /// <summary>Copies the datagram into the queue (or drops it when full, or after <see cref="Complete"/>).</summary>
    public void Enqueue(in InboundDatagram datagram)
    {
        Interlocked.Increment(ref _enqueued);
        TransportMetrics.Received.Add(1, _tags);
        if (!_queue.TryEnqueue(datagram, Stopwatch.GetTimestamp()))
        {
            OnDropped();
        }
    }

    /// <summary>
    /// Asks this queue's thread to run the role's timer now rather than at the next tick (a role
    /// queued work from another thread): before the next queued datagram, even when the queue is
    /// full. Wake-ups coalesce: at most one is pending. Only on the queue that runs the timer. Any thread.
    /// </summary>
    public void Wake()
    {
        if (_runsTimer)
        {
            _queue.Wake();
        }
    }

    /// <summary>No more datagrams: the thread drains what is queued, then ends.</summary>
    public void Complete() => _queue.Complete();

    /// <summary>
    /// Waits for the drain; false when the role did not finish within <paramref name="timeout"/>. A
    /// thread never started (inline mode) has nothing to drain; its state is Unstarted with the
    /// Background flag, hence the mask.
    /// </summary>
    public bool Join(TimeSpan timeout) =>
        (_thread.ThreadState & ThreadState.Unstarted) != 0 || _thread == Thread.CurrentThread || _thread.Join(timeout);

    private void OnDropped()
    {
        Interlocked.Increment(ref _dropped);
        TransportMetrics.Dropped.Add(1, _tags[0], _tags[1], new("reason", "queue_full"));
        if (_dropReports.TryReport(out var dropped))
        {
            TransportLog.QueueFull(_logger, _options.Name, QueueName, _capacity, dropped);
        }
    }

    /// <summary>Writes the aggregated drop and error reports whose interval has passed. Any thread.</summary>
    public void FlushReports()
    {
        if (_dropReports.TryFlush(out var dropped))
        {
            TransportLog.QueueFull(_logger, _options.Name, QueueName, _capacity, dropped);
        }

        if (_errorReports.TryFlush(out var errors))
        {
            TransportLog.RoleErrorsSummary(_logger, _options.Name, errors, QueueName);
        }
    }

    private void Drain()
    {
        var interval = (long)_options.TimerInterval.TotalMilliseconds;
        var nextTimer = Environment.TickCount64 + interval;
        while (true)
        {
            // The wait ends in time for the next tick, so an idle role's timer still runs on schedule.
            var timeout = _runsTimer ? (int)Math.Clamp(nextTimer - Environment.TickCount64, 0, interval) : Timeout.Infinite;
            switch (_queue.Take(timeout, out var datagram))
            {
                case QueueTake.Completed:
                    return;
                case QueueTake.Wake:
                    nextTimer = RunTimer(interval);
                    continue;
                case QueueTake.Datagram:
                    Deliver(datagram);
                    break;
            }

            if (_runsTimer && Environment.TickCount64 >= nextTimer)
            {
                nextTimer = RunTimer(interval);
            }
        }
    }

    private void Deliver(QueuedDatagram datagram) =>
        Deliver(new InboundDatagram(datagram.Buffer.AsSpan(0, datagram.Length), datagram.Source, datagram.Local), datagram.EnqueuedAt);

    /// <summary>Runs the role on one datagram, timed; several threads may call it when the queue is inline.</summary>
    private void Deliver(in InboundDatagram datagram, long enqueuedAt)
    {
        var started = Stopwatch.GetTimestamp();
        var type = datagram.Payload.IsEmpty ? RoleMetrics.EmptyIndex : datagram.Payload[0] >> 4;
        var tags = _typeTags[type];
        Waiting.Record(started - enqueuedAt, Stopwatch.Frequency);
        _metrics.Queueing.Record((started - enqueuedAt) / (double)Stopwatch.Frequency, tags);
        try
        {
            _role.Receive(datagram);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReportRoleError(e);
            if (_errorReports.TryReport(out var errors))
            {
                TransportLog.RoleThrew(_logger, _options.Name, RoleMetrics.MessageTypeName(type), datagram.Source, errors, QueueName, e);
            }
        }
        finally
        {
            var elapsed = Stopwatch.GetTimestamp() - started;
            Processing.Record(elapsed, Stopwatch.Frequency);
            _metrics.Processing.Record(elapsed / (double)Stopwatch.Frequency, tags);
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
            if (_errorReports.TryReport(out var errors))
            {
                TransportLog.TimerThrew(_logger, _options.Name, errors, QueueName, e);
            }
        }

        _onTimer?.Invoke();
        return Environment.TickCount64 + interval;
    }

    private void ReportRoleError(Exception e)
    {
        Interlocked.Increment(ref _roleErrors);
        TransportMetrics.RoleErrors.Add(1, _tags);
        _options.OnRoleError?.Invoke(e);
    }
}
