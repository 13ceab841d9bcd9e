namespace Loci.Transport;

/// <summary>What <see cref="DatagramQueue.Take"/> handed the queue thread.</summary>
internal enum QueueTake
{
    /// <summary>Nothing within the timeout: time to check the timer.</summary>
    TimedOut = 0,

    /// <summary>The oldest queued datagram.</summary>
    Datagram = 1,

    /// <summary>A wake-up: run the role's timer now.</summary>
    Wake = 2,

    /// <summary>Completed and empty: the queue thread ends.</summary>
    Completed = 3,
}
