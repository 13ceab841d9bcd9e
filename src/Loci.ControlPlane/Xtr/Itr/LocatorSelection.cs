namespace Loci.ControlPlane.Xtr;

/// <summary>
/// Which locator a flow uses (RFC 9301 §5.4): among the usable locators of the best (lowest)
/// priority, one chosen by weight. Pure and thread-safe; the ITR's lookups and the data plane share it.
/// </summary>
/// <remarks>
/// The flow's 5-tuple is hashed to 64 bits and the hash is mapped onto the cumulative weights
/// (hash × total ≫ 64, so the point is uniform over [0, total)): the same flow always lands on the
/// same locator, and many flows split in proportion to the weights. Unusable means down (probing),
/// priority 255 ("do not use for unicast", RFC 9301 §5.4), or of an address family the caller
/// cannot send from. When every candidate of the best priority has weight 0 the split is equal (the
/// RFC leaves it to the ITR); a weight-0 locator next to weighted ones gets no flows.
/// </remarks>
public static class LocatorSelection
{
    /// <summary>Priority 255: the locator must not be used for unicast (RFC 9301 §5.4).</summary>
    public const byte DoNotUse = 255;

    /// <summary>
    /// A deterministic 64-bit hash of the 5-tuple: the same on every run and every machine (unlike
    /// <see cref="HashCode"/>), so ITRs and data planes of one site agree. Each field is folded in
    /// through a full-avalanche mixer (the MurmurHash3 64-bit finalizer), so flows that differ only
    /// in a port still spread evenly.
    /// </summary>
    public static ulong HashFlow(in FlowKey flow)
    {
        var hash = 0x9E37_79B9_7F4A_7C15UL;
        hash = Mix(hash ^ (ulong)flow.Source);
        hash = Mix(hash ^ (ulong)(flow.Source >> 64));
        hash = Mix(hash ^ (ulong)flow.Destination);
        hash = Mix(hash ^ (ulong)(flow.Destination >> 64));
        return Mix(hash ^ (((ulong)flow.Protocol << 32) | ((ulong)flow.SourcePort << 16) | flow.DestinationPort));
    }

    /// <summary>The index of the locator for <paramref name="flow"/>, or -1 when no locator is usable.</summary>
    public static int Choose(ReadOnlySpan<MapCacheLocator> locators, in FlowKey flow, bool allowIPv4 = true, bool allowIPv6 = true) =>
        Choose(locators, HashFlow(flow), allowIPv4, allowIPv6);

    /// <summary>The index of the locator for a flow hash (<see cref="HashFlow"/>), or -1 when no locator is usable.</summary>
    public static int Choose(ReadOnlySpan<MapCacheLocator> locators, ulong flowHash, bool allowIPv4 = true, bool allowIPv6 = true)
    {
        var best = int.MaxValue;
        ulong totalWeight = 0;
        var candidates = 0;
        foreach (var locator in locators)
        {
            if (!IsUsable(locator, allowIPv4, allowIPv6) || locator.Priority > best)
            {
                continue;
            }

            if (locator.Priority < best)
            {
                best = locator.Priority;
                totalWeight = 0;
                candidates = 0;
            }

            totalWeight += locator.Weight;
            candidates++;
        }

        if (candidates == 0)
        {
            return -1;
        }

        var equalSplit = totalWeight == 0;
        var point = Scale(flowHash, equalSplit ? (ulong)candidates : totalWeight);
        ulong cumulative = 0;
        var last = -1;
        for (var i = 0; i < locators.Length; i++)
        {
            var locator = locators[i];
            if (locator.Priority != best || !IsUsable(locator, allowIPv4, allowIPv6))
            {
                continue;
            }

            cumulative += equalSplit ? 1UL : locator.Weight;
            if (point < cumulative)
            {
                return i;
            }

            last = i;
        }

        return last; // not reached: point < total
    }

    private static bool IsUsable(MapCacheLocator locator, bool allowIPv4, bool allowIPv6) =>
        locator.IsUp
        && locator.Priority != DoNotUse
        && (locator.IsIPv4 ? allowIPv4 : allowIPv6);

    /// <summary>Maps a uniform 64-bit value onto [0, range) without the bias of a modulo.</summary>
    private static ulong Scale(ulong hash, ulong range) => (ulong)(((UInt128)hash * range) >> 64);

    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51_AFD7_ED55_8CCDUL;
        value ^= value >> 33;
        value *= 0xC4CE_B9FE_1A85_EC53UL;
        value ^= value >> 33;
        return value;
    }
}
