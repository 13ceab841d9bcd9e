using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>One registration as the management API shows it.</summary>
public sealed record RegistrationInfo(
    EidPrefix Prefix,
    string Site,
    UInt128? XtrId,
    ulong? SiteId,
    EquatableArray<LocatorRecord> Locators,
    bool ProxyReply,
    DateTimeOffset RegisteredAt,
    DateTimeOffset ExpiresAt,
    IPEndPoint LastSource);
