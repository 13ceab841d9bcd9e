using System.Diagnostics;

namespace Loci.Bench.Load;

/// <summary>The once-a-second progress line of a <see cref="LoadRun"/>.</summary>
internal sealed partial class LoadRun
{
    private string CurrentPhase() =>
        !_sending ? "drain"
        : _sender.WarmupSent + _sender.Sent < _phase.WarmupMessages ? "warmup"
        : _phase.Name;

    /// <summary>Interval rates from the difference of the counters since the last line; loss and p99 over the run so far.</summary>
    private sealed class ProgressReporter(LoadRun run, Action<LoadProgress>? sink)
    {
        private readonly long _interval = (long)(ProgressInterval.TotalSeconds * Stopwatch.Frequency);
        private readonly LatencyHistogram _latency = new();
        private long _next = run._scheduleStart + (long)(ProgressInterval.TotalSeconds * Stopwatch.Frequency);
        private long _last = run._scheduleStart;
        private long _lastSent;
        private long _lastAnswered;

        public TimeSpan UntilNext() => TimeSpan.FromSeconds(Math.Max(0.001, (double)(_next - Stopwatch.GetTimestamp()) / Stopwatch.Frequency));

        public void ReportIfDue()
        {
            if (Stopwatch.GetTimestamp() >= _next)
            {
                Report();
            }
        }

        public void Report()
        {
            var now = Stopwatch.GetTimestamp();
            _next += _interval * Math.Max(1, ((now - _next) / _interval) + 1);
            if (sink is null)
            {
                return;
            }

            var sender = run._sender;
            var sent = sender.Sent + sender.WarmupSent;
            var expected = sender.ExpectedReplies + sender.WarmupExpectedReplies;
            long answered = 0;
            _latency.Clear();
            foreach (var stats in run._receivers)
            {
                answered += stats.Answered + stats.WarmupAnswered;
                _latency.Add(stats.Latency);
            }

            var seconds = Math.Max(1e-9, (double)(now - _last) / Stopwatch.Frequency);
            sink(new LoadProgress(
                run.CurrentPhase(),
                TimeSpan.FromSeconds((double)(now - run._scheduleStart) / Stopwatch.Frequency),
                (sent - _lastSent) / seconds,
                (answered - _lastAnswered) / seconds,
                expected == 0 ? 0 : 100.0 * Math.Max(0, expected - answered) / expected,
                _latency.Percentile(99) / 1000.0,
                sender.Skipped));
            _last = now;
            _lastSent = sent;
            _lastAnswered = answered;
        }
    }
}
