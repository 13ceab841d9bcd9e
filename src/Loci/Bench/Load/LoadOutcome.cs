namespace Loci.Bench.Load;

/// <summary>What one <see cref="LoadRun"/> measured: the sender's counters, the receivers' merged, and the measured window.</summary>
internal sealed record LoadOutcome(LoadPhase Phase, SenderStats Sender, ReceiverStats Replies, TimeSpan MeasuredWindow, TimeSpan Elapsed)
{
    /// <summary>Expected replies that did not come (or came too late to match), in percent; 0 when none were expected.</summary>
    public double LossPercent => Sender.ExpectedReplies == 0 ? 0 : 100.0 * Math.Max(0, Sender.ExpectedReplies - Replies.Answered) / Sender.ExpectedReplies;

    public double SendRate => PerSecond(Sender.Sent);

    public double AnsweredRate => PerSecond(Replies.Answered);

    /// <summary>The run is only a measurement of the target when the generator kept its schedule.</summary>
    public bool GeneratorKeptUp => Sender.Skipped == 0;

    private double PerSecond(long count) => MeasuredWindow > TimeSpan.Zero ? count / MeasuredWindow.TotalSeconds : 0;
}
