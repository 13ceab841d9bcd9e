using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// Configuration of the Map-Server role (RFC 9301 §8.2-8.3, RFC 8111 §7.3). Defaults follow the
/// RFCs; <see cref="Validate"/> throws an <see cref="ArgumentException"/> naming the field at fault.
/// </summary>
public sealed class MapServerOptions
{
    /// <summary>The sites whose registrations this Map-Server accepts.</summary>
    public IReadOnlyList<SiteOptions> Sites { get; init; } = [];

    /// <summary>
    /// EID space this Map-Server is authoritative for beyond its sites' prefixes (seed 002's
    /// "negative map-entries"). A request inside it but in no site is a hole in the EID space; a
    /// request outside it and outside every site is not EID space at all. Site prefixes are always EID space.
    /// </summary>
    public IReadOnlyList<EidPrefix> EidSpace { get; init; } = [];

    /// <summary>
    /// Lifetime of a registration without the T bit: 3 × the 60 s register interval (RFC 9301 §8.2
    /// recommends re-registering every 60 s and timing out after three missed registrations).
    /// </summary>
    public TimeSpan RegistrationTtl { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Upper bound for a Record TTL honoured through the T bit (0xFFFFFFFF minutes is not a lifetime).</summary>
    public TimeSpan MaxRegistrationTtl { get; init; } = TimeSpan.FromDays(1);

    /// <summary>TTL (minutes) of the negative Map-Reply for site space with no registration: 1 (RFC 9301 §8.3).</summary>
    public uint UnregisteredNegativeTtlMinutes { get; init; } = 1;

    /// <summary>TTL (minutes) of the negative Map-Reply outside every site prefix: 15 (RFC 9301 §8.3).</summary>
    public uint NonSiteNegativeTtlMinutes { get; init; } = 15;

    /// <summary>Also accept 12-byte (SHA-1) / 16-byte (SHA-256) truncated Authentication Data (PROTOCOL.md §4.3).</summary>
    public bool AcceptTruncatedHmac { get; init; }

    /// <summary>Where Map-Requests for non-proxied registrations are forwarded.</summary>
    public EtrForwarding ForwardTo { get; init; } = EtrForwarding.RegisteredRloc;

    /// <summary>Destination port of forwarded Map-Requests with <see cref="EtrForwarding.RegisteredRloc"/>: 4342.</summary>
    public int EtrControlPort { get; init; } = LispPorts.ControlPlane;

    /// <summary>
    /// Other Map-Servers serving the same sites, listed as the referral set of MS-ACK and
    /// MS-NOT-REGISTERED Map-Referrals; when empty the referral is marked incomplete (RFC 8111 §6.4).
    /// </summary>
    public IReadOnlyList<IPAddress> PeerMapServers { get; init; } = [];

    /// <summary>TTL (minutes) of an MS-ACK Map-Referral: 1440 (RFC 8111 §6.4.1 default for positive referrals).</summary>
    public uint MsAckTtlMinutes { get; init; } = 1440;

    /// <summary>TTL (minutes) of an MS-NOT-REGISTERED Map-Referral: 1 (RFC 8111 §6.4.1).</summary>
    public uint MsNotRegisteredTtlMinutes { get; init; } = 1;

    /// <summary>Checks every field; throws <see cref="ArgumentException"/> whose message names the field.</summary>
    public void Validate()
    {
        Require(Sites is not null, nameof(Sites), "must not be null");
        Require(EidSpace is not null, nameof(EidSpace), "must not be null");
        Require(PeerMapServers is not null, nameof(PeerMapServers), "must not be null");
        Require(RegistrationTtl > TimeSpan.Zero, nameof(RegistrationTtl), "must be positive");
        Require(MaxRegistrationTtl >= RegistrationTtl, nameof(MaxRegistrationTtl), "must be at least RegistrationTtl");
        Require(EtrControlPort is > 0 and <= ushort.MaxValue, nameof(EtrControlPort), "must be a UDP port (1-65535)");
        foreach (var prefix in EidSpace!)
        {
            Require(prefix.Family != EidFamily.None, nameof(EidSpace), "contains an empty prefix");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var owners = new List<(EidPrefix Prefix, int Site)>();
        for (var i = 0; i < Sites!.Count; i++)
        {
            var site = Sites[i];
            var field = $"Sites[{i}]";
            Require(site is not null, field, "must not be null");
            Require(!string.IsNullOrWhiteSpace(site!.Name), $"{field}.Name", "must not be empty");
            Require(names.Add(site.Name), $"{field}.Name", $"'{site.Name}' is used by two sites");
            field = $"Sites[{i}] ('{site.Name}')";
            Require(site.Keys is { Count: > 0 }, $"{field}.Keys", "needs at least one key");
            var keyIds = new HashSet<(byte, AuthAlgorithm)>();
            for (var k = 0; k < site.Keys.Count; k++)
            {
                var key = site.Keys[k];
                var keyField = $"{field}.Keys[{k}]";
                Require(key is not null, keyField, "must not be null");
                Require(key!.Algorithm is AuthAlgorithm.HmacSha1_96 or AuthAlgorithm.HmacSha256_128, $"{keyField}.Algorithm", "must be HmacSha1_96 or HmacSha256_128");
                Require(!string.IsNullOrEmpty(key.Password), $"{keyField}.Password", "must not be empty");
                Require(keyIds.Add((key.KeyId, key.Algorithm)), $"{keyField}.KeyId", $"key ID {key.KeyId} with {key.Algorithm} is configured twice");
            }

            Require(site.AllowedPrefixes is { Count: > 0 }, $"{field}.AllowedPrefixes", "needs at least one EID prefix");
            foreach (var prefix in site.AllowedPrefixes)
            {
                Require(prefix.Family != EidFamily.None, $"{field}.AllowedPrefixes", "contains an empty prefix");
                owners.Add((prefix, i));
            }

            Require(site.AllowedRlocs is not null, $"{field}.AllowedRlocs", "must not be null");
            foreach (var rloc in site.AllowedRlocs!)
            {
                Require(rloc.Family is EidFamily.IPv4 or EidFamily.IPv6 && rloc.InstanceId == 0, $"{field}.AllowedRlocs", $"{rloc} is not an IPv4 or IPv6 prefix");
            }
        }

        // One owner per EID: a registration must map to exactly one site's keys. Sorted by
        // (instance, family, address, length), a prefix that overlaps another one contains its
        // immediate successor, so whenever two prefixes overlap some neighbouring pair does, and
        // checking neighbours rejects every overlapping configuration in O(P log P) (a pairwise check
        // took hours for a 100,000-prefix configuration). The error names one overlapping pair.
        owners.Sort((a, b) => a.Prefix.CompareTo(b.Prefix));
        for (var k = 1; k < owners.Count; k++)
        {
            var (earlier, later) = owners[k - 1].Site <= owners[k].Site ? (owners[k - 1], owners[k]) : (owners[k], owners[k - 1]);
            if (owners[k - 1].Prefix.Overlaps(owners[k].Prefix))
            {
                Require(false, $"Sites[{later.Site}] ('{Sites[later.Site].Name}').AllowedPrefixes", $"{later.Prefix} overlaps {earlier.Prefix} of site '{Sites[earlier.Site].Name}'");
            }
        }
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"Map-Server option {field} {problem}.", field);
        }
    }
}
