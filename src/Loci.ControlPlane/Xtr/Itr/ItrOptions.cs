using System.Net;
using System.Net.Sockets;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// Configuration of an ITR. Immutable; <see cref="Validate"/> lists every problem, each naming the
/// option, and <see cref="ThrowIfInvalid"/> turns them into one exception for start-up.
/// </summary>
public sealed record ItrOptions
{
    /// <summary>Map-Resolvers, tried in order (RFC 9301 §5.3 / §8.4); ECM Map-Requests go to them.</summary>
    public IReadOnlyList<IPEndPoint> MapResolvers { get; init; } = [];

    /// <summary>
    /// The ITR's own RLOCs (IPv4 and/or IPv6): the ITR-RLOC list of every Map-Request, where Map-Replies
    /// come back (RFC 9301 §5.2), and the inner source of ECM Map-Requests.
    /// </summary>
    public IReadOnlyList<IPAddress> Rlocs { get; init; } = [];

    /// <summary>UDP port the ITR receives Map-Replies on: the inner UDP source port of its ECM Map-Requests (RFC 9301 §5.8).</summary>
    public int ControlPort { get; init; } = LispPorts.ControlPlane;

    /// <summary>Port of ETRs for RLOC-probes; locator records carry no port, RFC 9301 §6.3.2 uses 4342.</summary>
    public int LocatorControlPort { get; init; } = LispPorts.ControlPlane;

    /// <summary>Wait before the first retransmission; doubled after each one (1 s, 2 s, 4 s ...).</summary>
    public TimeSpan RetransmitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retransmissions to one Map-Resolver before failing over to the next one.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>
    /// Smallest gap between two Map-Requests for one EID (RFC 9301 §5.3: at most one per second). A
    /// request that comes sooner is deferred until the gap has passed, never dropped.
    /// </summary>
    public TimeSpan MinRequestInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a resolution failed everywhere, misses for that EID start no new resolution for this
    /// long (an explicit ResolveAsync still does). Zero: no hold-down.
    /// </summary>
    public TimeSpan FailureHoldDown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An entry nobody looked up for this long is evicted (seed 004: 3 minutes of inactivity).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Upper bound on a cached TTL. Record TTLs are minutes in 32 bits (RFC 9301 §5.4), up to ~8,000
    /// years; the cap keeps expiry times representable and a mapping from living forever.
    /// </summary>
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Interval between RLOC-probes of each cached entry's locators (RFC 9301 §6.3.2); zero turns probing off.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Silence after which an RLOC-probe counts as lost.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Consecutive lost probes that mark a locator down.</summary>
    public int ProbeMissesToDown { get; init; } = 3;

    /// <summary>Proxy-ETRs (RFC 6832) for destinations the mapping system says to forward natively.</summary>
    public IReadOnlyList<IPAddress> ProxyEtrs { get; init; } = [];

    /// <summary>Resolutions queued or under way at once; further misses are counted and not resolved.</summary>
    public int MaxPendingRequests { get; init; } = 10_000;

    /// <summary>Map-cache size limit; records beyond it are counted and not cached.</summary>
    public int MaxCacheEntries { get; init; } = 200_000;

    /// <summary>Every configuration error, each naming the offending option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MapResolvers is null || MapResolvers.Count == 0)
        {
            errors.Add("MapResolvers: an ITR needs at least one Map-Resolver to send Map-Requests to (RFC 9301 §5.3).");
        }
        else
        {
            for (var i = 0; i < MapResolvers.Count; i++)
            {
                if (MapResolvers[i] is null)
                {
                    errors.Add($"MapResolvers[{i}]: null entry.");
                }
            }
        }

        ValidateRlocs(errors);
        if (ControlPort is < 1 or > ushort.MaxValue)
        {
            errors.Add($"ControlPort: {ControlPort} is not a UDP port.");
        }

        if (LocatorControlPort is < 1 or > ushort.MaxValue)
        {
            errors.Add($"LocatorControlPort: {LocatorControlPort} is not a UDP port.");
        }

        if (MinRequestInterval <= TimeSpan.Zero)
        {
            errors.Add($"MinRequestInterval: {MinRequestInterval} must be positive (RFC 9301 §5.3 rate limit).");
        }

        if (RetransmitInterval < MinRequestInterval)
        {
            errors.Add($"RetransmitInterval: {RetransmitInterval} is shorter than MinRequestInterval {MinRequestInterval}; retransmissions would break the one-request-per-second rule (RFC 9301 §5.3).");
        }

        if (MaxRetries is < 0 or > 10)
        {
            errors.Add($"MaxRetries: {MaxRetries} is outside 0..10.");
        }

        if (FailureHoldDown < TimeSpan.Zero)
        {
            errors.Add($"FailureHoldDown: {FailureHoldDown} must not be negative.");
        }

        if (IdleTimeout <= TimeSpan.Zero)
        {
            errors.Add($"IdleTimeout: {IdleTimeout} must be positive.");
        }

        if (MaxTtl <= TimeSpan.Zero || MaxTtl > TimeSpan.FromDays(3650))
        {
            errors.Add($"MaxTtl: {MaxTtl} is outside (0, 3650 days].");
        }

        ValidateProbing(errors);
        for (var i = 0; i < (ProxyEtrs?.Count ?? 0); i++)
        {
            if (ProxyEtrs![i] is null)
            {
                errors.Add($"ProxyEtrs[{i}]: null entry.");
            }
        }

        if (MaxPendingRequests < 1)
        {
            errors.Add($"MaxPendingRequests: {MaxPendingRequests} must be at least 1.");
        }

        if (MaxCacheEntries < 1)
        {
            errors.Add($"MaxCacheEntries: {MaxCacheEntries} must be at least 1.");
        }

        return errors;
    }

    /// <exception cref="ArgumentException">The options are invalid; the message lists every error.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid ITR options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }
    }

    private void ValidateRlocs(List<string> errors)
    {
        if (Rlocs is null || Rlocs.Count == 0)
        {
            errors.Add("Rlocs: an ITR needs at least one RLOC for the ITR-RLOC field of its Map-Requests (RFC 9301 §5.2).");
            return;
        }

        if (Rlocs.Count > MapRequest.MaxItrRlocs)
        {
            errors.Add($"Rlocs: {Rlocs.Count} RLOCs; a Map-Request carries at most {MapRequest.MaxItrRlocs}.");
        }

        for (var i = 0; i < Rlocs.Count; i++)
        {
            var rloc = Rlocs[i];
            if (rloc is null)
            {
                errors.Add($"Rlocs[{i}]: null entry.");
            }
            else if (rloc.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                errors.Add($"Rlocs[{i}]: {rloc} is neither IPv4 nor IPv6.");
            }
            else if (rloc.Equals(IPAddress.Any) || rloc.Equals(IPAddress.IPv6Any))
            {
                errors.Add($"Rlocs[{i}]: the unspecified address {rloc} cannot receive Map-Replies.");
            }
        }
    }

    private void ValidateProbing(List<string> errors)
    {
        if (ProbeInterval < TimeSpan.Zero)
        {
            errors.Add($"ProbeInterval: {ProbeInterval} must not be negative (zero turns probing off).");
        }

        if (ProbeTimeout <= TimeSpan.Zero)
        {
            errors.Add($"ProbeTimeout: {ProbeTimeout} must be positive.");
        }
        else if (ProbeInterval > TimeSpan.Zero && ProbeTimeout >= ProbeInterval)
        {
            errors.Add($"ProbeTimeout: {ProbeTimeout} must be shorter than ProbeInterval {ProbeInterval}, so one probe is lost before the next is sent.");
        }

        if (ProbeMissesToDown < 1)
        {
            errors.Add($"ProbeMissesToDown: {ProbeMissesToDown} must be at least 1.");
        }
    }
}
