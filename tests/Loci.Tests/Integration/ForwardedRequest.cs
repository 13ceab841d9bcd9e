using System.Net;
using Loci.Wire;

namespace Loci.Tests.Integration;

/// <summary>A Map-Request a Map-Server forwarded to the <see cref="TestEtr"/>: the ECM, the socket it reached and who sent it.</summary>
internal sealed record ForwardedRequest(EncapsulatedControlMessage Ecm, MapRequest Request, IPEndPoint ReceivedOn, IPEndPoint From);
