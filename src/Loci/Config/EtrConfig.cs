namespace Loci.Config;

/// <summary>
/// The <c>xtr.etr</c> section: the site's EID-to-RLOC database and the map-servers it registers
/// with, each with its own key (seed 002's multi-mapping-system xTR).
/// </summary>
public sealed record EtrConfig
{
    /// <summary>128-bit xTR-ID sent in Map-Registers (RFC 9301 §5.6); random at start when absent.</summary>
    public UInt128? XtrId { get; init; }

    public ulong SiteId { get; init; }

    /// <summary>Map-Register period (RFC 9301 §8.2: 60 s).</summary>
    public TimeSpan? RegisterInterval { get; init; }

    public bool WantMapNotify { get; init; } = true;

    /// <summary>Port SMRs are sent to at the requesting ITRs (their control port, 4342).</summary>
    public int SmrPort { get; init; } = 4342;

    public IReadOnlyList<EtrMapServerConfig> MapServers { get; init; } = [];

    public IReadOnlyList<DatabaseMappingConfig> Database { get; init; } = [];
}
