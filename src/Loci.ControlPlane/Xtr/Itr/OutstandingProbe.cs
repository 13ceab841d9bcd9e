using System.Net;
using Loci.Prefixes;

namespace Loci.ControlPlane.Xtr;

/// <summary>An RLOC-probe waiting for its Map-Reply (RFC 9301 §6.3.2).</summary>
internal readonly record struct OutstandingProbe(EidPrefix Prefix, IPAddress Locator, DateTimeOffset Sent);
