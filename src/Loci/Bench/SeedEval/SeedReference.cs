namespace Loci.Bench.SeedEval;

/// <summary>
/// What seed 002 (OpenLISP control plane, "Evaluation") reports in numbers, for the charts and the
/// summary. The figures themselves are not in the text; these are the values it states.
/// </summary>
internal static class SeedReference
{
    /// <summary>"the Map-Server processing latency stays at very acceptable values (around 700 µs)".</summary>
    public const double MapServerMicroseconds = 700;

    /// <summary>The Map-Server latency "is about 30 times higher than the Map-Resolver latency": 700 / 30.</summary>
    public const double MapResolverMicroseconds = MapServerMicroseconds / 30;

    /// <summary>Fig. 6: the Cisco 3900 drops "about 10 percent of the control plane messages, only starting at around 4000 messages/s".</summary>
    public const double CiscoDropRate = 4000;

    public const string Machine = "2.67 GHz dual-core CPU, 2 GB RAM (Fig. 4-5); single core of 2.67 GHz, 1 GB (Fig. 6)";

    /// <summary>"a mapping database of more than 260,000 different EID prefixes" (the DANTE table with /16s fragmented into /24s).</summary>
    public const int PoolPrefixes = 260_000;
}
