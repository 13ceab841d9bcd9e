namespace Loci.ControlPlane.MapServers;

/// <summary>Where a Map-Server forwards a Map-Request for a registered, non-proxied EID (RFC 9301 §8.3).</summary>
public enum EtrForwarding
{
    /// <summary>To the best registered RLOC (lowest priority, reachable) at <see cref="MapServerOptions.EtrControlPort"/>.</summary>
    RegisteredRloc = 0,

    /// <summary>To the address and port the registering ETR's last Map-Register came from (works behind NAT and with ephemeral ports).</summary>
    RegistrationSource = 1,
}
