using System.Net;
using Loci.Prefixes;

namespace Loci.ControlPlane.Xtr;

/// <summary>An ITR RLOC that recently asked for a local prefix: a Solicit-Map-Request target when the mapping changes (RFC 9301 §6.1).</summary>
/// <param name="Prefix">The local prefix it asked for.</param>
/// <param name="Address">The ITR RLOC the Map-Reply went to; SMRs go to it at port 4342.</param>
/// <param name="LastRequest">When its latest Map-Request (or RLOC-probe) arrived.</param>
/// <param name="Requests">Map-Requests counted from it for this prefix.</param>
public sealed record EtrRequesterInfo(EidPrefix Prefix, IPAddress Address, DateTimeOffset LastRequest, long Requests);
