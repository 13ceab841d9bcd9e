using System.Net;
using Loci.Wire;

namespace Loci.Diagnostics;

/// <summary>The answer to one probe: the message, who sent it and the round-trip time.</summary>
internal sealed record ProbeReply(LispMessage Message, IPEndPoint From, TimeSpan RoundTrip);
