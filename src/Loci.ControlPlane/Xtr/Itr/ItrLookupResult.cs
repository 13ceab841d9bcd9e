using System.Net;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// The answer of <see cref="Itr.Lookup(Prefixes.EidPrefix, in FlowKey)"/>: a value type so the data
/// plane's per-packet lookup allocates nothing.
/// </summary>
/// <param name="Outcome">Hit, negative, miss ...</param>
/// <param name="Entry">The covering map-cache entry (null on a miss).</param>
/// <param name="Rloc">Where to encapsulate: the chosen locator on a hit, the Proxy-ETR on a negative answer that uses one.</param>
/// <param name="Action">The entry's ACT on a negative answer.</param>
/// <param name="ViaProxyEtr">True when <paramref name="Rloc"/> is a Proxy-ETR (RFC 6832).</param>
public readonly record struct ItrLookupResult(
    ItrLookupOutcome Outcome,
    MapCacheEntry? Entry,
    IPAddress? Rloc,
    MapReplyAction Action,
    bool ViaProxyEtr);
