using System.Net;
using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// One registrant's registration of one EID-prefix. Immutable except for the expiry, which the
/// fast refresh path extends in place (an atomic 64-bit store) so an unchanged re-registration
/// touches no table; readers on resolution threads read it with <see cref="Volatile"/>.
/// </summary>
internal sealed class Registration
{
    private long _expiresAtTicks;

    public Registration(
        RegistrantId registrant,
        ulong? siteId,
        EquatableArray<LocatorRecord> locators,
        bool proxyReply,
        uint recordTtl,
        TimeSpan lifetime,
        DateTimeOffset registeredAt,
        DateTimeOffset now,
        IPEndPoint lastSource)
    {
        Registrant = registrant;
        SiteId = siteId;
        Locators = locators;
        ProxyReply = proxyReply;
        RecordTtl = recordTtl;
        Lifetime = lifetime;
        RegisteredAt = registeredAt;
        LastSource = lastSource;
        _expiresAtTicks = (now + lifetime).UtcTicks;
    }

    public RegistrantId Registrant { get; }

    public ulong? SiteId { get; }

    public EquatableArray<LocatorRecord> Locators { get; }

    /// <summary>P bit of the Map-Register: the Map-Server answers on the site's behalf (RFC 9301 §5.6).</summary>
    public bool ProxyReply { get; }

    /// <summary>Record TTL from the Map-Register (minutes), used as the TTL of proxy Map-Replies.</summary>
    public uint RecordTtl { get; }

    /// <summary>How long each (re-)registration keeps this alive.</summary>
    public TimeSpan Lifetime { get; }

    public DateTimeOffset RegisteredAt { get; }

    public IPEndPoint LastSource { get; }

    public DateTimeOffset ExpiresAt => new(Volatile.Read(ref _expiresAtTicks), TimeSpan.Zero);

    public bool IsLive(DateTimeOffset now) => Volatile.Read(ref _expiresAtTicks) > now.UtcTicks;

    /// <summary>Fast refresh: extend the lifetime from <paramref name="now"/>.</summary>
    public void Refresh(DateTimeOffset now) => Volatile.Write(ref _expiresAtTicks, (now + Lifetime).UtcTicks);
}
