using System.Diagnostics.Metrics;
using Loci.ControlPlane;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loci.Transport;

/// <summary>
/// Runs one <see cref="IRole"/> behind one or more <see cref="UdpEndpointHost"/>s. Each socket's
/// receive thread classifies a datagram by its LISP type nibble (<see cref="Classify"/>) and copies
/// it into a bounded queue; dedicated threads drain the queues into the role.
/// <para>
/// THREADING CONTRACT. With <see cref="RoleRunnerOptions.SplitRegistration"/> true (the default)
/// there are two queues and two threads: the registration thread calls <c>role.Receive</c> for
/// Map-Register, Map-Notify-Ack and Info, and <c>role.OnTimer()</c> every
/// <see cref="RoleRunnerOptions.TimerInterval"/> (expiry and retransmission change state, so they
/// belong with the writer); the resolution thread calls <c>role.Receive</c> for everything else.
/// So a role sees Receive from two threads at once (never two calls of one class at once): the
/// registration thread is its only writer and the resolution thread only reads (the Map-Server
/// publishes registrations through a lock-free snapshot table). This keeps seed 002's
/// property that a registration flood cannot starve resolution. Roles that are single-threaded
/// (DDT node, xTR) run with SplitRegistration false: one queue, one thread for Receive and OnTimer,
/// as <see cref="IRole"/> describes. The Map-Resolver, whose state sits behind one lock, runs with
/// SplitRegistration false and <see cref="RoleRunnerOptions.InlineResolution"/>: Receive on the
/// receive threads, OnTimer on the queue's thread.
/// </para>
/// Stop is graceful: stop reading the sockets, let the threads drain what is queued, join them.
/// The sockets stay open during the drain so replies still go out; the caller owns and disposes them.
/// </summary>
public sealed class RoleRunner : IDisposable
{
    /// <summary>
    /// Queue-full and role-error reports are aggregated: the first is logged at once, then at most one
    /// line per interval carrying the count, so a flood that fills a queue (or trips a role bug on
    /// every datagram) writes a line a minute, not one per datagram.
    /// </summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMinutes(1);

    private readonly IRole _role;
    private readonly ILogger _logger;
    private readonly RoleMetrics _metrics;
    private readonly UdpEndpointHost[] _endpoints;
    private readonly RoleRunnerOptions _options;
    private readonly RoleQueue _resolution;
    private readonly RoleQueue? _registration;
    private int _state; // 0 created, 1 running, 2 stopped

    /// <param name="logger">Start, stop, drops and role exceptions (category of the caller's choosing); none when null.</param>
    /// <param name="meterFactory">Creates the meter of the latency histograms (<see cref="RoleMetrics"/>); a private meter when null.</param>
    public RoleRunner(IRole role, IEnumerable<UdpEndpointHost> endpoints, RoleRunnerOptions? options = null, ILogger? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(endpoints);
        _role = role;
        _endpoints = [.. endpoints];
        if (_endpoints.Length == 0)
        {
            throw new ArgumentException("A role needs at least one endpoint.", nameof(endpoints));
        }

        _options = options ?? new RoleRunnerOptions();
        if (_options.TimerInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "TimerInterval must be positive.");
        }

        _logger = logger ?? NullLogger.Instance;
        _metrics = new RoleMetrics(meterFactory);
        if (_options.SplitRegistration)
        {
            _registration = new RoleQueue("registration", _options.RegistrationQueueCapacity, role, _options, runsTimer: true, _metrics, _logger, FlushReports);
            _resolution = new RoleQueue("resolution", _options.ResolutionQueueCapacity, role, _options, runsTimer: false, _metrics, _logger);
        }
        else
        {
            _resolution = new RoleQueue("all", _options.ResolutionQueueCapacity, role, _options, runsTimer: true, _metrics, _logger, FlushReports);
        }
    }

    public IRole Role => _role;

    public IReadOnlyList<UdpEndpointHost> Endpoints => _endpoints;

    public RoleRunnerOptions Options => _options;

    /// <summary>Datagrams queued on the registration path (0 when not split).</summary>
    public long RegistrationEnqueued => _registration?.Enqueued ?? 0;

    /// <summary>Registration datagrams dropped because the registration queue was full.</summary>
    public long RegistrationDropped => _registration?.Dropped ?? 0;

    public long RegistrationProcessed => _registration?.Processed ?? 0;

    /// <summary>Datagrams queued on the resolution path (all datagrams when not split).</summary>
    public long ResolutionEnqueued => _resolution.Enqueued;

    public long ResolutionDropped => _resolution.Dropped;

    public long ResolutionProcessed => _resolution.Processed;

    /// <summary>Exceptions the role threw from Receive or OnTimer (each one skipped, not fatal).</summary>
    public long RoleErrors => _resolution.RoleErrors + (_registration?.RoleErrors ?? 0);

    /// <summary>p50/p90/p99 of processing and queueing time per queue since start, for the management API.</summary>
    public IReadOnlyList<QueueLatency> Latencies =>
        [.. new[] { _registration, _resolution }.OfType<RoleQueue>().Select(q => new QueueLatency(q.QueueName, q.Processing.Summarize(), q.Waiting.Summarize()))];

    /// <summary>Registration class: Map-Register (3), Map-Notify-Ack (5), Info (7); anything else resolves.</summary>
    public static DatagramClass Classify(ReadOnlySpan<byte> payload) =>
        payload.IsEmpty ? DatagramClass.Resolution : (payload[0] >> 4) switch
        {
            3 or 5 or 7 => DatagramClass.Registration,
            _ => DatagramClass.Resolution,
        };

    /// <summary>
    /// Runs the role's timer on its worker thread as soon as possible instead of at the next tick:
    /// for roles that queue work from other threads (an ITR's resolve call, an ETR's mapping change).
    /// Any thread; a no-op before Start's threads run the queue (the wake-up waits in it).
    /// </summary>
    public void Wake() => (_registration ?? _resolution).Wake();

    /// <summary>Starts the worker threads, then the receive loops.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A RoleRunner starts once.");
        }

        _registration?.Start();

        // Inline without a registration queue: the one queue's thread still runs the timer.
        if (!_options.InlineResolution || _registration is null)
        {
            _resolution.Start();
        }

        foreach (var endpoint in _endpoints)
        {
            endpoint.Start(Dispatch);
        }

        TransportLog.RoleStarted(_logger, _options.Name, [.. _endpoints.Select(e => e.LocalEndpoint)], _registration is null ? (_options.InlineResolution ? "inline, timer on its own thread" : "one queue") : _options.InlineResolution ? "a registration queue, resolution inline" : "registration and resolution queues");
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires, then stops gracefully.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Start();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The normal way out.
        }

        await Task.Run(Stop, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops receiving, drains the queues (up to <see cref="RoleRunnerOptions.DrainTimeout"/>) and joins the threads. True when fully drained.</summary>
    public bool Stop()
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return true;
        }

        foreach (var endpoint in _endpoints)
        {
            endpoint.StopReceiving();
        }

        _registration?.Complete();
        _resolution.Complete();
        var drained = _registration?.Join(_options.DrainTimeout) ?? true;
        drained = _resolution.Join(_options.DrainTimeout) && drained;
        if (!drained)
        {
            TransportLog.DrainTimedOut(_logger, _options.Name, _options.DrainTimeout);
        }

        FlushReports();
        TransportLog.RoleStopped(_logger, _options.Name, ResolutionProcessed + RegistrationProcessed, ResolutionDropped + RegistrationDropped, RoleErrors);
        return drained;
    }

    public void Dispose()
    {
        Stop();
        _metrics.Dispose();
    }

    /// <summary>The aggregated reports of both queues; runs on the timer thread and at stop.</summary>
    private void FlushReports()
    {
        _registration?.FlushReports();
        _resolution.FlushReports();
    }

    private void Dispatch(in InboundDatagram datagram)
    {
        if (_registration is not null && Classify(datagram.Payload) == DatagramClass.Registration)
        {
            _registration.Enqueue(datagram);
        }
        else if (_options.InlineResolution)
        {
            _resolution.RunInline(datagram);
        }
        else
        {
            _resolution.Enqueue(datagram);
        }
    }
}
