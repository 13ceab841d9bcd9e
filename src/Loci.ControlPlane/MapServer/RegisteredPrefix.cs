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
    public RegisteredPrefix(EidPrefix prefix, SiteState site, ImmutableArray<Registration> registrations)
    {
        Prefix = prefix;
        Site = site;
        Registrations = registrations;
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

    /// <summary>The merged RLOC set of the live registrations, first registrant first, duplicates (same RLOC) dropped.</summary>
    public List<LocatorRecord> MergedLocators(DateTimeOffset now, out bool proxy, out uint ttl, out Registration? first)
    {
        var merged = new List<LocatorRecord>();
        proxy = false;
        ttl = uint.MaxValue;
        first = null;
        foreach (var registration in Registrations)
        {
            if (!registration.IsLive(now))
            {
                continue;
            }

            first ??= registration;
            proxy |= registration.ProxyReply;
            ttl = Math.Min(ttl, registration.RecordTtl);
            foreach (var locator in registration.Locators)
            {
                if (!merged.Exists(l => l.Rloc == locator.Rloc))
                {
                    merged.Add(locator);
                }
            }
        }

        return merged;
    }

    /// <summary>
    /// The registered RLOC to forward to: lowest unicast priority below 255 (RFC 9301 §5.4), IP only,
    /// preferring locators the ETR marked reachable (R bit); an unreachable one is chosen only when
    /// no reachable one qualifies, since the ETR's R bit may be stale and forwarding beats silence.
    /// </summary>
    public static IPAddress? BestRloc(List<LocatorRecord> locators)
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
