namespace Loci.ControlPlane;

/// <summary>
/// A LISP role without I/O (DESIGN.md §2): it reacts to one datagram at a time and to the passage
/// of time, reads the clock from the <see cref="TimeProvider"/> it was built with, and sends through
/// an <see cref="IDatagramSender"/>. By default hosts call <see cref="Receive"/> and
/// <see cref="OnTimer"/> from one thread per role (run to completion), so a role needs no locks for
/// its own state; what it publishes for readers (tables, counters) is safe to read from other
/// threads. A role built for it (the Map-Server) may instead be run with registration messages and
/// OnTimer on one writer thread and all other messages on the receive threads; a role whose Receive
/// is thread-safe (the Map-Resolver, one lock around its state) may be run with every message on the
/// receive threads and OnTimer on its own thread (Loci.Transport.RoleRunner, InlineResolution).
/// </summary>
public interface IRole
{
    /// <summary>Handles one datagram. Never throws on bad input: malformed datagrams are counted and dropped.</summary>
    void Receive(in InboundDatagram datagram);

    /// <summary>Runs due timers (retransmissions, expiry). Hosts call it periodically; roles check the clock.</summary>
    void OnTimer();
}
