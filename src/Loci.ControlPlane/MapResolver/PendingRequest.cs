using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// One entry of the pending request list (RFC 8111 §7.3.1): an ITR's Map-Request being walked down
/// the DDT tree. Mutated only under the role's lock. Entries are pooled by the role
/// (<see cref="Begin"/> … <see cref="Clear"/>), so a resolution allocates nothing once the pool and
/// its buffers have grown to the load (issue 6).
/// </summary>
internal sealed class PendingRequest
{
    /// <summary>Nodes asked so far, with the level they were asked at: a handful, so a list beats a set.</summary>
    private readonly List<(IPAddress Address, EidPrefix Level)> _visited = [];
    private byte[] _payload = [];
    private int _payloadLength;

    public ulong Nonce { get; private set; }

    public EidPrefix Eid { get; private set; }

    /// <summary>Where negative Map-Replies go: the ITR-RLOC at the requester's UDP source port.</summary>
    public IPEndPoint Itr { get; private set; } = null!;

    /// <summary>The DDT Map-Request (ECM, D bit) sent to every hop: the ITR's own Map-Request, nonce included.</summary>
    public ReadOnlySpan<byte> DdtPayload => _payload.AsSpan(0, _payloadLength);

    public DateTimeOffset Started { get; private set; }

    /// <summary>The role clock's timestamp when the ITR's request arrived, for the resolution latency.</summary>
    public long StartedTimestamp { get; private set; }

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

    /// <summary>
    /// Starts a walk for the ITR's ECM <paramref name="request"/>: the DDT Map-Request is that ECM with
    /// the D bit (RFC 8111 §6.3), copied into this entry's buffer.
    /// </summary>
    public void Begin(ulong nonce, EidPrefix eid, IPEndPoint itr, ReadOnlySpan<byte> request, DateTimeOffset started, long startedTimestamp)
    {
        Nonce = nonce;
        Eid = eid;
        Itr = itr;
        Started = started;
        StartedTimestamp = startedTimestamp;
        if (_payload.Length < request.Length)
        {
            _payload = new byte[Math.Max(request.Length, 256)];
        }

        _payloadLength = EncapsulatedControlMessage.CopyWithFlags(request, _payload, EncapsulatedControlMessage.DdtOriginatedFlag);
    }

    /// <summary>Forgets the walk (the buffers stay for the next one).</summary>
    public void Clear()
    {
        _visited.Clear();
        _payloadLength = 0;
        Itr = null!;
        Locators = [];
        LocatorIndex = 0;
        Attempts = 0;
        Deadline = default;
        ReferralsFollowed = 0;
        TriedRoot = false;
        AskingMapServers = false;
        Level = null;
        StartedFromCache = null;
        LastSentTo = null;
    }

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
    public bool MarkVisited(IPAddress address)
    {
        var level = Level ?? default;
        foreach (var (visited, at) in _visited)
        {
            if (at == level && visited.Equals(address))
            {
                return false;
            }
        }

        _visited.Add((address, level));
        return true;
    }

    public PendingRequestInfo ToInfo() =>
        new(Nonce, Eid, Itr, Started, ReferralsFollowed, TriedRoot, LastSentTo, Attempts, Level);
}
