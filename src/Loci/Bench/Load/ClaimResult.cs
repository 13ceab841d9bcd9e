namespace Loci.Bench.Load;

/// <summary>What became of a reply looked up in the <see cref="SendLog"/>.</summary>
internal enum ClaimResult
{
    /// <summary>The first reply to a message still in the log: its latency counts.</summary>
    Matched,

    /// <summary>A second reply to a message already answered.</summary>
    Duplicate,

    /// <summary>The message's slot has since been reused (or it was never sent): the reply came too late to match.</summary>
    Late,
}
