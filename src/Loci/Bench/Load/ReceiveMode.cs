namespace Loci.Bench.Load;

/// <summary>Who reads the replies.</summary>
internal enum ReceiveMode
{
    /// <summary>One dedicated receive thread per socket, blocking reads: the choice when the generator has cores to spare.</summary>
    Threads,

    /// <summary>
    /// The sender thread drains the (non-blocking) sockets between sends. For a generator pinned to one
    /// core: there a receive thread costs about two context switches per reply batch (measured: one
    /// voluntary and one involuntary switch per reply at 20,000/s), which the sender pays for in lag.
    /// </summary>
    Inline,
}
