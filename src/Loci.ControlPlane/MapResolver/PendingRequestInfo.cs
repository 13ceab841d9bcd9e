using System.Net;
using Loci.Prefixes;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// A read-only view of one request the Map-Resolver is resolving through DDT (RFC 8111 §7.3.1's
/// pending request list), for the management API.
/// </summary>
public sealed record PendingRequestInfo(
    ulong Nonce,
    EidPrefix Eid,
    IPEndPoint Itr,
    DateTimeOffset Started,
    int ReferralsFollowed,
    bool TriedRoot,
    IPEndPoint? LastSentTo,
    int AttemptsOnLocator,
    EidPrefix? LastReferralPrefix);
