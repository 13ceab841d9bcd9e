using System.Net;
using Loci.Prefixes;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// One resolution under way: the ECM Map-Request, where it was sent, and who waits for it. Mutated
/// only on the role thread, under the role's lock.
/// </summary>
/// <remarks>
/// One nonce serves every transmission of the resolution, retransmissions and failovers included,
/// and the bytes are built once: a late answer to an earlier transmission (slow Map-Resolver, slow
/// ETR) is still the answer, and nothing else has to be remembered to recognise it.
/// </remarks>
internal sealed class ItrPendingRequest
{
    private List<TaskCompletionSource<ItrResolution>>? _waiters;

    public ItrPendingRequest(EidPrefix eid, ulong nonce, bool smrInvoked, byte[] payload, int firstResolver, DateTimeOffset started)
    {
        Eid = eid;
        Nonce = nonce;
        SmrInvoked = smrInvoked;
        Payload = payload;
        FirstResolver = firstResolver;
        Started = started;
    }

    public EidPrefix Eid { get; }

    public ulong Nonce { get; }

    public bool SmrInvoked { get; }

    /// <summary>The ECM Map-Request, identical for every Map-Resolver and every retransmission.</summary>
    public byte[] Payload { get; }

    /// <summary>Index of the Map-Resolver the resolution started with.</summary>
    public int FirstResolver { get; }

    public DateTimeOffset Started { get; }

    /// <summary>Not sent yet: waiting for the rate limit (RFC 9301 §5.3).</summary>
    public bool Deferred { get; set; }

    /// <summary>Map-Resolvers given up on so far.</summary>
    public int ResolversTried { get; set; }

    /// <summary>Sends to the current Map-Resolver, first one included.</summary>
    public int Attempts { get; set; }

    /// <summary>When the deferred request is sent, or the current wait for a reply ends.</summary>
    public DateTimeOffset Deadline { get; set; }

    public IPEndPoint? LastResolver { get; set; }

    /// <summary>Index of the Map-Resolver last sent to.</summary>
    public int LastResolverIndex { get; set; }

    public int WaiterCount => _waiters?.Count ?? 0;

    public void AddWaiter(TaskCompletionSource<ItrResolution>? waiter)
    {
        if (waiter is not null)
        {
            (_waiters ??= []).Add(waiter);
        }
    }

    /// <summary>Completes every ResolveAsync caller (continuations run asynchronously, off the role thread).</summary>
    public void Complete(ItrResolution result)
    {
        foreach (var waiter in _waiters ?? [])
        {
            waiter.TrySetResult(result);
        }

        _waiters = null;
    }

    public ItrPendingRequestInfo ToInfo() =>
        new(Eid, Deferred ? ItrRequestState.Deferred : ItrRequestState.AwaitingReply, Nonce, SmrInvoked, LastResolver, Attempts, ResolversTried, Started, Deadline, WaiterCount);
}
