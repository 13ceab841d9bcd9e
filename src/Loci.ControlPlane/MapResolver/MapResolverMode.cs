namespace Loci.ControlPlane.MapResolvers;

/// <summary>How a Map-Resolver finds the Map-Server for an EID.</summary>
public enum MapResolverMode
{
    /// <summary>Forward each request to a configured Map-Server (RFC 9301 §8.4, no mapping database system).</summary>
    MapServerList = 0,

    /// <summary>Walk the LISP-DDT hierarchy from configured roots (RFC 8111 §7.3).</summary>
    Ddt = 1,
}
