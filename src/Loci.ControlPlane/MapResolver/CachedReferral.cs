using System.Net;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// A referral-cache entry with its locators as endpoints at the resolver's referral port, built once
/// when the referral is cached so that a cache hit starts a walk without allocating (issue 6).
/// </summary>
internal sealed record CachedReferral(ReferralCacheEntry Entry, IReadOnlyList<IPEndPoint> Endpoints);
