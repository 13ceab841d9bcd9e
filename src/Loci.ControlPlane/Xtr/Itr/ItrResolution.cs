using Loci.Prefixes;

namespace Loci.ControlPlane.Xtr;

/// <summary>The result of <see cref="Itr.ResolveAsync"/>.</summary>
/// <param name="Eid">The EID that was resolved.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Entry">The map-cache entry covering the EID after the reply (null unless <see cref="ItrResolutionStatus.Resolved"/>).</param>
public sealed record ItrResolution(EidPrefix Eid, ItrResolutionStatus Status, MapCacheEntry? Entry);
