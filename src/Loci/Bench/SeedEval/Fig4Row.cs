namespace Loci.Bench.SeedEval;

/// <summary>
/// One x value of seed 002 Fig. 4: processing latencies with <see cref="Sites"/> registered sites.
/// <see cref="Full"/> is the seed's map-server figure (check, update, Map-Notify for ~5 %);
/// <see cref="Request"/> its map-resolver figure (lookup and Map-Reply).
/// </summary>
/// <param name="First">Each site's first Map-Register (new registrations), one per site.</param>
/// <param name="Full">Map-Registers whose content changed: HMAC check, every record checked against the site, map-table update.</param>
/// <param name="Fast">Unchanged periodic re-registrations: HMAC check and the content-hash fast path (lifetimes extended only).</param>
/// <param name="Request">Map-Request for a host in a registered prefix to Map-Reply (proxy reply).</param>
internal sealed record Fig4Row(
    int Sites,
    int Prefixes,
    double RecordsPerRegister,
    LatencySummary First,
    LatencySummary Full,
    LatencySummary Fast,
    LatencySummary Request,
    double NotifyShare);
