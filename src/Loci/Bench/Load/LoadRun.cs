using System.Diagnostics;

namespace Loci.Bench.Load;

/// <summary>
/// One open-loop run over a set of sockets: a sender thread sends on a fixed schedule and never waits
/// for replies; one receive thread per socket matches replies to send times by the sequence number in
/// their nonce (<see cref="SequenceNonce"/>, <see cref="SendLog"/>); the calling thread reports progress
/// once a second, then waits for the last replies and merges the counts. Nothing is allocated per message.
/// </summary>
internal sealed partial class LoadRun
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private readonly LoadSockets _sockets;
    private readonly LoadMessages _messages;
    private readonly LoadPhase _phase;
    private readonly ReceiveMode _receiveMode;
    private readonly ushort _runId;
    private readonly SenderStats _sender = new();
    private readonly ReceiverStats[] _receivers;
    private readonly double _ticksPerMessage;
    private readonly double _nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private SendLog _log = null!;
    private long _scheduleStart;
    private long _sendEnd;
    private readonly ManualResetEventSlim _sendDone = new();
    private volatile bool _sending;
    private volatile bool _stopping;

    public LoadRun(LoadSockets sockets, LoadMessages messages, LoadPhase phase, ReceiveMode receiveMode, ushort runId)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentOutOfRangeException.ThrowIfLessThan(phase.Rate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(phase.TotalMessages, SequenceNonce.MaxSequence);
        _sockets = sockets;
        _messages = messages;
        _phase = phase;
        _receiveMode = receiveMode;
        _runId = runId;
        _receivers = [.. sockets.Sockets.Select(_ => new ReceiverStats())];
        _ticksPerMessage = (double)Stopwatch.Frequency / phase.Rate;
        var runTicks = (phase.TotalMessages * _ticksPerMessage) + (phase.Drain.TotalSeconds * Stopwatch.Frequency);
        if (runTicks >= SendLog.MaxRunTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(phase), "The run is longer than the send log's clock can count.");
        }
    }

    /// <summary>The send log after <see cref="Run"/>: which messages were answered.</summary>
    public SendLog Log => _log;

    /// <summary>
    /// Runs the phase (once) on the calling thread; <paramref name="progress"/> is called about once a
    /// second, and <paramref name="measuredStarting"/> once, on the calling thread, <paramref name="lead"/>
    /// before the first measured message is due (before the threads start when there is no warm-up),
    /// so a caller whose sampling takes that long samples the target just before the measured phase.
    /// </summary>
    public LoadOutcome Run(Action<LoadProgress>? progress, Action? measuredStarting = null, TimeSpan lead = default)
    {
        if (_phase.WarmupMessages == 0)
        {
            measuredStarting?.Invoke();
            measuredStarting = null;
        }

        var inline = _receiveMode == ReceiveMode.Inline;
        var receivers = new Thread[inline ? 0 : _receivers.Length];
        for (var i = 0; i < receivers.Length; i++)
        {
            var index = i;
            receivers[i] = new Thread(() => ReceiveLoop(index)) { IsBackground = true, Name = $"bench-rx-{i}" };
        }

        foreach (var socket in _sockets.Sockets)
        {
            socket.Blocking = !inline;
        }

        // The schedule starts a little after the threads do, so no thread start-up lands inside it.
        _scheduleStart = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        _log = new SendLog(_phase.LogCapacity, _scheduleStart);
        _sending = true;
        foreach (var thread in receivers)
        {
            thread.Start();
        }

        var sender = new Thread(SendLoop) { IsBackground = true, Name = "bench-tx" };
        sender.Start();

        var reporter = new ProgressReporter(this, progress);
        var sampleAt = _scheduleStart + (long)(_phase.WarmupMessages * _ticksPerMessage) - (long)(lead.TotalSeconds * Stopwatch.Frequency);
        while (!_sendDone.Wait(measuredStarting is null ? reporter.UntilNext() : Min(reporter.UntilNext(), Until(sampleAt))))
        {
            if (measuredStarting is not null && Stopwatch.GetTimestamp() >= sampleAt)
            {
                // The sender and receivers run on their own threads: a slow caller delays only the progress line.
                measuredStarting();
                measuredStarting = null;
            }

            reporter.ReportIfDue();
        }

        var drainEnd = Stopwatch.GetTimestamp() + (long)(_phase.Drain.TotalSeconds * Stopwatch.Frequency);
        while (!AllAnswered() && Stopwatch.GetTimestamp() < drainEnd)
        {
            Thread.Sleep(5);
            reporter.ReportIfDue();
        }

        _stopping = true;
        sender.Join();
        foreach (var thread in receivers)
        {
            thread.Join();
        }

        _sendDone.Dispose();

        var total = new ReceiverStats();
        foreach (var stats in _receivers)
        {
            total.Add(stats);
        }

        return new LoadOutcome(_phase, _sender, total, MeasuredWindow(), Stopwatch.GetElapsedTime(_scheduleStart));
    }

    /// <summary>From the scheduled start of the measured messages to the end of sending (the later of scheduled and actual).</summary>
    private TimeSpan MeasuredWindow()
    {
        var measuredStart = _scheduleStart + (long)(_phase.WarmupMessages * _ticksPerMessage);
        var scheduledEnd = _scheduleStart + (long)(_phase.TotalMessages * _ticksPerMessage);
        var end = Math.Max(scheduledEnd, _sendEnd);
        return TimeSpan.FromSeconds((double)(end - measuredStart) / Stopwatch.Frequency);
    }

    private static TimeSpan Until(long timestamp) => TimeSpan.FromSeconds(Math.Max(0.001, (double)(timestamp - Stopwatch.GetTimestamp()) / Stopwatch.Frequency));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private bool AllAnswered()
    {
        long answered = 0;
        foreach (var stats in _receivers)
        {
            answered += Volatile.Read(ref stats.Answered) + Volatile.Read(ref stats.WarmupAnswered);
        }

        return answered >= _sender.ExpectedReplies + _sender.WarmupExpectedReplies;
    }
}
