namespace Loci.Bench.Load;

/// <summary>What <c>loci bench load</c> sends.</summary>
internal enum LoadMode
{
    /// <summary>Native Map-Requests (RFC 9301 §5.2), as a Map-Resolver forwards them to a Map-Server.</summary>
    Request,

    /// <summary>Map-Requests inside an Encapsulated Control Message (RFC 9301 §5.8), as an ITR sends them.</summary>
    Ecm,

    /// <summary>Authenticated Map-Registers (RFC 9301 §5.6), a chosen fraction with want-map-notify.</summary>
    Register,
}
