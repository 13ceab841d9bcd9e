using System.Net;

namespace Loci.ControlPlane.MapServers;

/// <summary>
/// Who registered: the xTR-ID when the Map-Register carries one (RFC 9301 §5.6, I bit), else the
/// source address, so two ETRs of a site without xTR-IDs do not overwrite each other.
/// </summary>
internal readonly record struct RegistrantId(UInt128? XtrId, IPAddress? Source)
{
    public static RegistrantId For(UInt128? xtrId, IPAddress source) => xtrId is { } id ? new(id, null) : new(null, source);
}
