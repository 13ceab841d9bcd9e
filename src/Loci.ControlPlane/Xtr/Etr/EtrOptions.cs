using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// Configuration of the ETR role (RFC 9301 §6.1, §6.3.2, §8.2). Defaults follow the RFC where it
/// gives a number and say why where it does not; <see cref="Validate"/> throws an
/// <see cref="ArgumentException"/> naming the option at fault.
/// </summary>
public sealed record EtrOptions
{
    /// <summary>The Map-Servers to register with, each with its own key.</summary>
    public IReadOnlyList<EtrMapServerOptions> MapServers { get; init; } = [];

    /// <summary>The local EID-Prefixes at start; more can be added at run time (<see cref="Etr.SetPrefix"/>).</summary>
    public IReadOnlyList<EtrPrefixOptions> Database { get; init; } = [];

    /// <summary>Map-Register period: one minute (RFC 9301 §8.2 suggests one minute; Map-Servers time out after three).</summary>
    public TimeSpan RegisterInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Set the M bit so every Map-Server confirms each Map-Register with a Map-Notify (RFC 9301 §5.6).</summary>
    public bool WantMapNotify { get; init; } = true;

    /// <summary>
    /// Silence after which an unconfirmed Map-Register is sent again: 3 s. RFC 9301 gives no timer for
    /// Map-Register retransmission; this is the interval §5.7 asks of a Map-Server retransmitting a Map-Notify.
    /// </summary>
    public TimeSpan NotifyRetransmitInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Retransmissions of an unconfirmed Map-Register before the round counts as failed: 3 (RFC 9301 §5.7's count for Map-Notify).</summary>
    public int NotifyMaxRetransmits { get; init; } = 3;

    /// <summary>128-bit xTR-ID sent in every Map-Register (RFC 9301 §5.6 I bit); null draws a random one at construction.</summary>
    public UInt128? XtrId { get; init; }

    /// <summary>64-bit site-ID sent after the xTR-ID; the site's xTRs share it.</summary>
    public ulong SiteId { get; init; }

    /// <summary>
    /// How long an ITR that asked for a prefix is remembered as a Solicit-Map-Request target: one day,
    /// the default Record TTL. The ITR may keep the mapping for the TTL of the Map-Reply it got (RFC
    /// 9301 §5.4), so forgetting it sooner would leave a stale cache that an SMR could have fixed;
    /// <see cref="MaxRequestersPerPrefix"/> bounds the memory this costs.
    /// </summary>
    public TimeSpan RequesterMemory { get; init; } = TimeSpan.FromMinutes(EtrPrefixOptions.DefaultTtlMinutes);

    /// <summary>Requesters remembered per prefix; the least recently seen is forgotten first.</summary>
    public int MaxRequestersPerPrefix { get; init; } = 1024;

    /// <summary>
    /// Least time between two SMRs to one requester for one prefix, and the SMR retransmission interval:
    /// one second (SMRs are Map-Requests, which RFC 9301 §5.3 limits to one per second per EID-Prefix).
    /// </summary>
    public TimeSpan SmrInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>SMRs sent to one requester for one change before giving up without its SMR-invoked Map-Request.</summary>
    public int SmrMaxAttempts { get; init; } = 5;

    /// <summary>
    /// Destination port of SMRs: the ITRs' control port, 4342 (RFC 9301 §5.3). An SMR is unsolicited,
    /// so no request port is known to answer to; only a test network on ephemeral ports changes it.
    /// </summary>
    public int SmrPort { get; init; } = LispPorts.ControlPlane;

    /// <summary>Checks every field; throws <see cref="ArgumentException"/> whose message names the field.</summary>
    public void Validate()
    {
        Require(MapServers is { Count: > 0 }, nameof(MapServers), "needs at least one Map-Server");
        Require(Database is not null, nameof(Database), "must not be null");
        Require(RegisterInterval > TimeSpan.Zero, nameof(RegisterInterval), "must be positive");
        Require(NotifyRetransmitInterval > TimeSpan.Zero, nameof(NotifyRetransmitInterval), "must be positive");
        Require(NotifyMaxRetransmits >= 0, nameof(NotifyMaxRetransmits), "must not be negative");
        Require(RequesterMemory > TimeSpan.Zero, nameof(RequesterMemory), "must be positive");
        Require(MaxRequestersPerPrefix > 0, nameof(MaxRequestersPerPrefix), "must be positive");
        Require(SmrInterval > TimeSpan.Zero, nameof(SmrInterval), "must be positive");
        Require(SmrMaxAttempts > 0, nameof(SmrMaxAttempts), "must be positive");
        Require(SmrPort is > 0 and <= ushort.MaxValue, nameof(SmrPort), "must be a UDP port (1-65535)");

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < MapServers!.Count; i++)
        {
            var server = MapServers[i];
            var field = $"{nameof(MapServers)}[{i}]";
            Require(server is not null, field, "must not be null");
            Require(!string.IsNullOrWhiteSpace(server!.Name), $"{field}.Name", "must not be empty");
            Require(names.Add(server.Name), $"{field}.Name", $"'{server.Name}' is used by two Map-Servers");
            field = $"{nameof(MapServers)}[{i}] ('{server.Name}')";
            Require(server.Address is not null, $"{field}.Address", "must be set");
            Require(server.Address!.Port is > 0 and <= ushort.MaxValue, $"{field}.Address", "needs a UDP port (1-65535)");
            Require(server.Algorithm is AuthAlgorithm.HmacSha1_96 or AuthAlgorithm.HmacSha256_128, $"{field}.Algorithm", "must be HmacSha1_96 or HmacSha256_128");
            Require(!string.IsNullOrEmpty(server.Password), $"{field}.Password", "must not be empty");
        }

        var prefixes = new HashSet<EidPrefix>();
        for (var i = 0; i < Database!.Count; i++)
        {
            var field = $"{nameof(Database)}[{i}]";
            ValidatePrefix(Database[i], field, names);
            Require(prefixes.Add(Database[i].Prefix), $"{field}.Prefix", $"{Database[i].Prefix} is in the database twice");
        }
    }

    /// <summary>Checks one database entry (at start and for run-time changes) against the configured Map-Server names.</summary>
    internal static void ValidatePrefix(EtrPrefixOptions? entry, string field, IReadOnlySet<string> mapServerNames)
    {
        Require(entry is not null, field, "must not be null");
        Require(entry!.Prefix.Family != EidFamily.None, $"{field}.Prefix", "must be set");
        field = $"{field} ({entry.Prefix})";
        ValidateLocators(entry.Locators, $"{field}.Locators");
        Require(entry.TtlMinutes > 0, $"{field}.TtlMinutes", "must be positive (a Record TTL of 0 withdraws a registration, RFC 9301 §8.2)");
        Require(entry.MapServers is not null, $"{field}.MapServers", "must not be null");
        foreach (var name in entry.MapServers!)
        {
            Require(name is not null && mapServerNames.Contains(name), $"{field}.MapServers", $"names '{name}', which is not a configured Map-Server");
        }
    }

    /// <summary>1 to 255 locators (the Locator Count field), each with an address; the probed bit is the ETR's to set.</summary>
    internal static void ValidateLocators(IReadOnlyList<LocatorRecord>? locators, string field)
    {
        Require(locators is { Count: > 0 }, field, "needs at least one locator");
        Require(locators!.Count <= byte.MaxValue, field, "holds more than 255 locators");
        foreach (var locator in locators)
        {
            Require(locator is not null && locator.Rloc is not NoAddress, field, "contains a locator without an address");
            Require(!locator!.Probed, field, $"sets the probed bit on {locator.Rloc}; the ETR sets it in RLOC-probe replies only");
        }
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"ETR option {field} {problem}.", field);
        }
    }
}
