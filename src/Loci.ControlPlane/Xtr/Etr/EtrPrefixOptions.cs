using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// One EID-Prefix of the ETR's local database with its locator set (RFC 9301 §5.4 EID-record) and
/// how it is registered. Locators are wire <see cref="LocatorRecord"/>s, so an RLOC may be any
/// address the codec writes (an Explicit Locator Path LCAF for seed 001's traffic engineering, for
/// instance); set <see cref="LocatorRecord.Local"/> on the RLOCs that belong to this xTR (RFC 9301
/// §5.4 L bit). The ETR sets the probed (p) bit itself.
/// </summary>
public sealed record EtrPrefixOptions
{
    /// <summary>Record TTL the RFC recommends: 1440 minutes, one day (RFC 9301 §5.4).</summary>
    public const uint DefaultTtlMinutes = 1440;

    public EidPrefix Prefix { get; init; }

    public IReadOnlyList<LocatorRecord> Locators { get; init; } = [];

    /// <summary>Record TTL in minutes, in Map-Replies and Map-Registers.</summary>
    public uint TtlMinutes { get; init; } = DefaultTtlMinutes;

    /// <summary>
    /// Ask the Map-Servers to answer Map-Requests for this prefix themselves (RFC 9301 §5.6 P bit).
    /// The bit is per message, so prefixes with and without it go in separate Map-Registers.
    /// </summary>
    public bool ProxyReply { get; init; }

    /// <summary>Ask the Map-Servers to merge this xTR's locator set with the site's other xTRs' (RFC 9301 §5.6 a bit); per message like P.</summary>
    public bool Merge { get; init; }

    /// <summary>Names of the Map-Servers that receive this prefix; empty means every configured Map-Server.</summary>
    public IReadOnlyList<string> MapServers { get; init; } = [];
}
