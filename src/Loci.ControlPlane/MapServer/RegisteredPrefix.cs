using System.Collections.Immutable;
using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// The map-table value for one registered EID-prefix: the site and every registrant's registration
/// (RFC 9301 §8.2: several ETRs of a site register the same prefix; their RLOC sets are merged in
/// replies). Immutable; the registration path publishes a new one on every change.
/// </summary>
internal sealed class RegisteredPrefix
{
    /// <summary>The merge when every registration is live, computed once (see <see cref="Merged"/>).</summary>
    private readonly MergedMapping _allLive;

    public RegisteredPrefix(EidPrefix prefix, SiteState site, ImmutableArray<Registration> registrations)
    {
        Prefix = prefix;
        Site = site;
        Registrations = registrations;
        _allLive = Merge(registrations, now: null);
    }

    public EidPrefix Prefix { get; }

    public SiteState Site { get; }

    public ImmutableArray<Registration> Registrations { get; }

    public RegisteredPrefix With(Registration registration)
    {
        for (var i = 0; i < Registrations.Length; i++)
        {
            if (Registrations[i].Registrant == registration.Registrant)
            {
                return new RegisteredPrefix(Prefix, Site, Registrations.SetItem(i, registration));
            }
        }

        return new RegisteredPrefix(Prefix, Site, Registrations.Add(registration));
    }

    /// <summary>This prefix without <paramref name="registrant"/>'s registration; null when none is left.</summary>
    public RegisteredPrefix? Without(RegistrantId registrant, out Registration? removed)
    {
        removed = null;
        for (var i = 0; i < Registrations.Length; i++)
        {
            if (Registrations[i].Registrant == registrant)
            {
                removed = Registrations[i];
                return Registrations.Length == 1 ? null : new RegisteredPrefix(Prefix, Site, Registrations.RemoveAt(i));
            }
        }

        return this;
    }

    public Registration? Find(RegistrantId registrant)
    {
        foreach (var registration in Registrations)
        {
            if (registration.Registrant == registrant)
            {
                return registration;
            }
        }

        return null;
    }

    /// <summary>
    /// What the live registrations answer with (RFC 9301 §8.2: the RLOC sets of a site's ETRs are
    /// merged). The all-live case, the steady state, is merged once here on the registration path,
    /// so the resolution path reads it without allocating; only while a registration has lapsed
    /// and OnTimer has not yet swept it is the set merged per request.
    /// </summary>
    public MergedMapping Merged(DateTimeOffset now)
    {
        foreach (var registration in Registrations)
        {
            if (!registration.IsLive(now))
            {
                return Merge(Registrations, now);
            }
        }

        return _allLive;
    }

    /// <summary>
    /// The live registrations' RLOC sets, first registrant first, duplicates (same RLOC) dropped;
    /// <paramref name="now"/> null counts every registration as live. A single registration without
    /// duplicates keeps its own array, so a table of a million prefixes pays no second copy.
    /// </summary>
    private static MergedMapping Merge(ImmutableArray<Registration> registrations, DateTimeOffset? now)
    {
        List<LocatorRecord>? merged = null;
        EquatableArray<LocatorRecord> only = default;
        var proxy = false;
        var ttl = uint.MaxValue;
        Registration? first = null;
        foreach (var registration in registrations)
        {
            if (now is { } at && !registration.IsLive(at))
            {
                continue;
            }

            proxy |= registration.ProxyReply;
            ttl = Math.Min(ttl, registration.RecordTtl);
            if (first is null && !HasDuplicates(registration.Locators.AsSpan()))
            {
                first = registration;
                only = registration.Locators;
                continue;
            }

            if (merged is null)
            {
                merged = [.. only];
                first ??= registration;
            }

            foreach (var locator in registration.Locators)
            {
                if (!merged.Exists(l => l.Rloc == locator.Rloc))
                {
                    merged.Add(locator);
                }
            }
        }

        return new MergedMapping(merged is null ? only : merged.ToArray(), proxy, ttl, first);
    }

    private static bool HasDuplicates(ReadOnlySpan<LocatorRecord> locators)
    {
        for (var i = 1; i < locators.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (locators[j].Rloc == locators[i].Rloc)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The registered RLOC to forward to: lowest unicast priority below 255 (RFC 9301 §5.4), IP only,
    /// preferring locators the ETR marked reachable (R bit); an unreachable one is chosen only when
    /// no reachable one qualifies, since the ETR's R bit may be stale and forwarding beats silence.
    /// </summary>
    public static IPAddress? BestRloc(ReadOnlySpan<LocatorRecord> locators)
    {
        LocatorRecord? best = null;
        foreach (var locator in locators)
        {
            if (locator.Priority == 255 || EidConversions.ToIPAddress(locator.Rloc) is null)
            {
                continue;
            }

            if (best is null || Better(locator, best))
            {
                best = locator;
            }
        }

        return best is null ? null : EidConversions.ToIPAddress(best.Rloc);
    }

    private static bool Better(LocatorRecord candidate, LocatorRecord best) =>
        candidate.Reachable != best.Reachable ? candidate.Reachable : candidate.Priority < best.Priority;
}
