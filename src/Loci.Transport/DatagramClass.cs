namespace Loci.Transport;

/// <summary>Which of the two processing paths a datagram takes (seed 002: a registration thread, resolution threads).</summary>
public enum DatagramClass
{
    /// <summary>Map-Request, Map-Reply, Map-Referral, ECM, Map-Notify and anything unparseable.</summary>
    Resolution = 0,

    /// <summary>Map-Register (3), Map-Notify-Ack (5), Info-Request/Reply (7).</summary>
    Registration = 1,
}
