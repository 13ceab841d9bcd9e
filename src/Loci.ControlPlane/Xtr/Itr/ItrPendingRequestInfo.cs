using System.Net;
using Loci.Prefixes;

namespace Loci.ControlPlane.Xtr;

/// <summary>A read-only view of one resolution the ITR is working on, for the management API.</summary>
/// <param name="Eid">The EID (prefix) asked for.</param>
/// <param name="State">Deferred, awaiting a reply, or held down after a failure.</param>
/// <param name="Nonce">Nonce of the Map-Request (0 when held down).</param>
/// <param name="SmrInvoked">The request answers an SMR (s bit).</param>
/// <param name="MapResolver">The Map-Resolver last sent to.</param>
/// <param name="AttemptsOnResolver">Sends to that Map-Resolver, first one included.</param>
/// <param name="ResolversTried">Map-Resolvers given up on so far.</param>
/// <param name="Started">When the resolution began (held down: when it failed).</param>
/// <param name="NextAction">When it is next sent, retransmitted, failed over, or (held down) released.</param>
/// <param name="Waiters">ResolveAsync callers waiting for it.</param>
public sealed record ItrPendingRequestInfo(
    EidPrefix Eid,
    ItrRequestState State,
    ulong Nonce,
    bool SmrInvoked,
    IPEndPoint? MapResolver,
    int AttemptsOnResolver,
    int ResolversTried,
    DateTimeOffset Started,
    DateTimeOffset NextAction,
    int Waiters);
