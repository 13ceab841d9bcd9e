namespace Loci.Transport;

/// <summary>How a <see cref="RoleRunner"/> queues and schedules work for its role.</summary>
public sealed record RoleRunnerOptions
{
    /// <summary>
    /// True (default): registration datagrams go to their own queue and thread, so a Map-Register
    /// flood cannot starve Map-Requests (seed 002) and the role's Receive is called from two threads.
    /// False: one queue and one thread for everything, for roles whose state is single-threaded
    /// (DDT node, Map-Resolver).
    /// </summary>
    public bool SplitRegistration { get; init; } = true;

    /// <summary>
    /// True: resolution datagrams are handled on the thread of the socket that received them, run to
    /// completion (DESIGN.md §4: parse, handle, reply inline), instead of being copied to a queue for
    /// another thread: no hand-off and no thread switch per Map-Request, which on a node with one core
    /// is most of a request's cost. The socket's receive buffer is then the resolution path's only
    /// queue (the kernel drops on overflow). With <see cref="SplitRegistration"/>, registration keeps
    /// its own queue and thread, so a Map-Register flood costs the receive threads only a copy
    /// (seed 002); without it, every datagram runs inline and the queue's thread only runs the timer.
    /// Only for roles whose Receive may run on several threads at once and next to OnTimer: the
    /// Map-Server's resolution path (lock-free reads), the Map-Resolver (one lock around its state).
    /// </summary>
    public bool InlineResolution { get; init; }

    /// <summary>Capacity of the registration queue (datagrams); arrivals beyond it are dropped and counted.</summary>
    public int RegistrationQueueCapacity { get; init; } = 8192;

    /// <summary>Capacity of the resolution queue (the only queue when <see cref="SplitRegistration"/> is false).</summary>
    public int ResolutionQueueCapacity { get; init; } = 8192;

    /// <summary>Period of <c>role.OnTimer()</c>, called on the resolution thread.</summary>
    public TimeSpan TimerInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a graceful stop waits for the queues to drain before it gives up on them.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Names the threads and the "role" metric tag.</summary>
    public string Name { get; init; } = "role";

    /// <summary>Called (on the worker thread) when the role throws; the worker carries on with the next datagram.</summary>
    public Action<Exception>? OnRoleError { get; init; }
}
