using System.Net;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// Registration state of the ETR with one Map-Server, as published for readers on other threads.
/// </summary>
/// <param name="Name">The Map-Server's configured name.</param>
/// <param name="Address">Where its Map-Registers go.</param>
/// <param name="State">See <see cref="EtrRegistrationState"/>.</param>
/// <param name="Prefixes">Database prefixes registered with it.</param>
/// <param name="AwaitingNotify">A round is in flight: some Map-Register of it is not confirmed yet.</param>
/// <param name="LastRegisterSent">When the latest Map-Register (first transmission or retransmission) left.</param>
/// <param name="LastNotifyReceived">When the latest verified Map-Notify from it arrived.</param>
/// <param name="Failures">Rounds that ended without confirmation.</param>
/// <param name="RegistersSent">Map-Registers sent to it, retransmissions included.</param>
public sealed record EtrMapServerStatus(
    string Name,
    IPEndPoint Address,
    EtrRegistrationState State,
    int Prefixes,
    bool AwaitingNotify,
    DateTimeOffset? LastRegisterSent,
    DateTimeOffset? LastNotifyReceived,
    long Failures,
    long RegistersSent)
{
    /// <summary>The latest finished round was confirmed by the Map-Server.</summary>
    public bool Registered => State == EtrRegistrationState.Registered;
}
