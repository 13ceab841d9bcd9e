using System.Net;
using Loci.Prefixes;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// One entry of the pending request list (RFC 8111 §7.3.1): an ITR's Map-Request being walked down
/// the DDT tree. Mutated only on the role's thread, under the role's lock.
/// </summary>
internal sealed class PendingRequest
{
    private readonly HashSet<(IPAddress Address, EidPrefix Level)> _visited = [];

    public PendingRequest(ulong nonce, EidPrefix eid, IPEndPoint itr, byte[] ddtPayload, DateTimeOffset started, long startedTimestamp)
    {
        Nonce = nonce;
        Eid = eid;
        Itr = itr;
        DdtPayload = ddtPayload;
        Started = started;
        StartedTimestamp = startedTimestamp;
    }

    public ulong Nonce { get; }

    public EidPrefix Eid { get; }

    /// <summary>Where negative Map-Replies go: the ITR-RLOC at the requester's UDP source port.</summary>
    public IPEndPoint Itr { get; }

    /// <summary>The DDT Map-Request (ECM, D bit) sent to every hop: the ITR's own Map-Request, nonce included.</summary>
    public byte[] DdtPayload { get; }

    public DateTimeOffset Started { get; }

    /// <summary>The role clock's timestamp when the ITR's request arrived, for the resolution latency.</summary>
    public long StartedTimestamp { get; }

    /// <summary>The referral set being tried, in preference order.</summary>
    public IReadOnlyList<IPEndPoint> Locators { get; private set; } = [];

    public int LocatorIndex { get; set; }

    /// <summary>Sends to the current locator so far.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset Deadline { get; set; }

    public int ReferralsFollowed { get; set; }

    public bool TriedRoot { get; private set; }

    /// <summary>True while the referral set is Map-Servers (after MS-REFERRAL).</summary>
    public bool AskingMapServers { get; private set; }

    /// <summary>Prefix of the referral being followed; null while asking a root.</summary>
    public EidPrefix? Level { get; private set; }

    /// <summary>The referral-cache entry the walk started from, if any (removed on NOT-AUTHORITATIVE).</summary>
    public EidPrefix? StartedFromCache { get; private set; }

    public IPEndPoint? LastSentTo { get; set; }

    public IPEndPoint? Current => LocatorIndex < Locators.Count ? Locators[LocatorIndex] : null;

    public void StartAtRoots(IReadOnlyList<IPEndPoint> roots)
    {
        TriedRoot = true;
        StartedFromCache = null;
        Follow(roots, level: null, mapServers: false);
    }

    public void StartAtCache(EidPrefix prefix, IReadOnlyList<IPEndPoint> locators, bool mapServers)
    {
        StartedFromCache = prefix;
        Follow(locators, prefix, mapServers);
    }

    public void Follow(IReadOnlyList<IPEndPoint> locators, EidPrefix? level, bool mapServers)
    {
        Locators = locators;
        LocatorIndex = 0;
        Attempts = 0;
        Level = level;
        AskingMapServers = mapServers;
    }

    /// <summary>Records a first send to <paramref name="address"/> at the current level; false when it was already asked (a loop).</summary>
    public bool MarkVisited(IPAddress address) => _visited.Add((address, Level ?? default));

    public PendingRequestInfo ToInfo() =>
        new(Nonce, Eid, Itr, Started, ReferralsFollowed, TriedRoot, LastSentTo, Attempts, Level);
}
