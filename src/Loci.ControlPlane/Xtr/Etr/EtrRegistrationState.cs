namespace Loci.ControlPlane.Xtr;

/// <summary>Where an ETR stands with one Map-Server (RFC 9301 §8.2).</summary>
public enum EtrRegistrationState
{
    /// <summary>No prefix of the database goes to this Map-Server: nothing to register.</summary>
    Idle = 0,

    /// <summary>Map-Registers sent, no round confirmed yet.</summary>
    Registering = 1,

    /// <summary>The latest finished round was confirmed by a verified Map-Notify for each of its Map-Registers.</summary>
    Registered = 2,

    /// <summary>The latest finished round got no verified Map-Notify within the retransmissions; the next periodic round tries again.</summary>
    Failing = 3,

    /// <summary>Map-Registers are sent without the M bit, so no confirmation is expected.</summary>
    Unconfirmed = 4,
}
