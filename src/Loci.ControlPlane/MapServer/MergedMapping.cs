using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// A registered prefix as the resolution path answers it: the merged locators of its live
/// registrations, whether any asked for proxy replies (P bit), the smallest record TTL, and the
/// first live registration (null when none is live).
/// </summary>
internal readonly record struct MergedMapping(EquatableArray<LocatorRecord> Locators, bool Proxy, uint Ttl, Registration? First);
