namespace Loci.ControlPlane.Xtr;

/// <summary>How a resolution ended.</summary>
public enum ItrResolutionStatus
{
    /// <summary>A Map-Reply arrived and the map-cache now holds an entry (positive or negative) covering the EID.</summary>
    Resolved,

    /// <summary>A Map-Reply with the right nonce arrived but none of its records covers the EID.</summary>
    NotCovered,

    /// <summary>No Map-Resolver answered after every retry.</summary>
    NoAnswer,

    /// <summary>Not attempted: the EID is not IPv4/IPv6, or too many resolutions are under way.</summary>
    Rejected,
}
