using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// Configuration of a Map-Resolver. Immutable; <see cref="Validate"/> lists every problem and
/// <see cref="ThrowIfInvalid"/> turns them into one exception for start-up.
/// </summary>
public sealed record MapResolverOptions
{
    public MapResolverMode Mode { get; init; } = MapResolverMode.Ddt;

    /// <summary>Map-Servers for <see cref="MapResolverMode.MapServerList"/>.</summary>
    public IReadOnlyList<MapServerTarget> MapServers { get; init; } = [];

    /// <summary>DDT roots for <see cref="MapResolverMode.Ddt"/>, tried in order (RFC 8111 §7.3.1).</summary>
    public IReadOnlyList<IPEndPoint> DdtRoots { get; init; } = [];

    /// <summary>UDP port of DDT nodes and Map-Servers learned from referral locators, which carry no port.</summary>
    public int ReferralPort { get; init; } = LispPorts.ControlPlane;

    /// <summary>Referrals followed for one request before giving up (RFC 8111 §7.3.1; the seed's "maximum allowed number").</summary>
    public int MaxReferrals { get; init; } = 8;

    /// <summary>Silence after which a DDT Map-Request is sent again (RFC 8111 §7.3.1).</summary>
    public TimeSpan RetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Sends to one referral locator (first try included) before moving to the next one.</summary>
    public int AttemptsPerLocator { get; init; } = 2;

    /// <summary>Requests being resolved at once; more are dropped and counted.</summary>
    public int MaxPendingRequests { get; init; } = 10_000;

    /// <summary>Referral-cache size limit; further referrals are followed but not cached.</summary>
    public int MaxReferralCacheEntries { get; init; } = 100_000;

    /// <summary>
    /// ACT of the negative Map-Replies the Map-Resolver sends. RFC 8111 §7.1.2 says a delegation hole
    /// is "not a LISP destination", and RFC 9301 §8.1 answers non-EID space with Natively-Forward.
    /// </summary>
    public MapReplyAction NegativeAction { get; init; } = MapReplyAction.NativelyForward;

    /// <summary>TTL (minutes) of the negative Map-Reply and negative-cache entry when resolution fails (no answer, loop, too many referrals).</summary>
    public uint FailureTtlMinutes { get; init; } = 1;

    /// <summary>TTL (minutes) of the negative Map-Reply for an EID no configured Map-Server serves (map-server-list mode).</summary>
    public uint NotEidSpaceTtlMinutes { get; init; } = 15;

    /// <summary>Every configuration error, each naming the offending key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"Mode: unknown value {Mode}.");
        }

        if (Mode == MapResolverMode.Ddt && (DdtRoots is null || DdtRoots.Count == 0))
        {
            errors.Add("DdtRoots: DDT mode needs at least one root (RFC 8111 §7.3.1).");
        }

        if (DdtRoots?.Any(r => r is null) == true)
        {
            errors.Add("DdtRoots: null entry.");
        }

        if (Mode == MapResolverMode.MapServerList && (MapServers is null || MapServers.Count == 0))
        {
            errors.Add("MapServers: map-server-list mode needs at least one Map-Server.");
        }

        for (var i = 0; i < (MapServers?.Count ?? 0); i++)
        {
            if (MapServers![i]?.Endpoint is null)
            {
                errors.Add($"MapServers[{i}]: no endpoint.");
            }
            else if (MapServers[i].Prefixes?.Any(p => p.Family == EidFamily.None) == true)
            {
                errors.Add($"MapServers[{i}] ({MapServers[i].Endpoint}): empty prefix.");
            }
        }

        if (ReferralPort is < 1 or > ushort.MaxValue)
        {
            errors.Add($"ReferralPort: {ReferralPort} is not a UDP port.");
        }

        if (MaxReferrals is < 1 or > 64)
        {
            errors.Add($"MaxReferrals: {MaxReferrals} is outside 1..64.");
        }

        if (RetransmitTimeout <= TimeSpan.Zero)
        {
            errors.Add($"RetransmitTimeout: {RetransmitTimeout} must be positive.");
        }

        if (AttemptsPerLocator is < 1 or > 16)
        {
            errors.Add($"AttemptsPerLocator: {AttemptsPerLocator} is outside 1..16.");
        }

        if (MaxPendingRequests < 1)
        {
            errors.Add($"MaxPendingRequests: {MaxPendingRequests} must be at least 1.");
        }

        if (MaxReferralCacheEntries < 0)
        {
            errors.Add($"MaxReferralCacheEntries: {MaxReferralCacheEntries} must not be negative.");
        }

        if (!Enum.IsDefined(NegativeAction))
        {
            errors.Add($"NegativeAction: {NegativeAction} is not an assigned ACT value.");
        }

        return errors;
    }

    /// <exception cref="ArgumentException">The options are invalid; the message lists every error.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Map-Resolver options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }
    }
}
