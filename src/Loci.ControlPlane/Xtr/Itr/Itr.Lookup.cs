using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>The thread-safe entry points: cached lookups for the data plane and the API, and ResolveAsync.</summary>
public sealed partial class Itr
{
    /// <summary>The cached answer for <paramref name="eid"/> without a flow (the CLI): a stable locator choice.</summary>
    public ItrLookupResult Lookup(EidPrefix eid) => Lookup(eid, default);

    /// <summary>
    /// The cached answer for a packet of <paramref name="flow"/> to <paramref name="eid"/>: a hit with the
    /// locator chosen for the flow (<see cref="LocatorSelection"/>), a negative answer with its action
    /// (and a Proxy-ETR when the action calls for one), or a miss. A miss, an expired entry, or a
    /// negative entry whose action is Send-Map-Request queues a resolution for the role thread; the
    /// queue holds each EID once, so a burst of packets to one destination costs one Map-Request.
    /// Callable from any thread; allocates nothing on a hit.
    /// </summary>
    public ItrLookupResult Lookup(EidPrefix eid, in FlowKey flow)
    {
        if (!IsIpEid(eid))
        {
            return new ItrLookupResult(ItrLookupOutcome.Unsupported, null, null, default, false);
        }

        var now = _time.GetUtcNow();
        if (!_cache.TryLookup(eid, out var entry) || entry.Expires <= now)
        {
            Counters.Increment(ItrCounter.CacheMisses);
            RequestResolution(eid);
            return new ItrLookupResult(ItrLookupOutcome.Miss, null, null, default, false);
        }

        entry.Activity.Touch(now);
        if (entry.IsNegative)
        {
            return NegativeAnswer(eid, entry, flow);
        }

        var index = LocatorSelection.Choose(entry.Locators.AsSpan(), flow, _rlocV4 is not null, _rlocV6 is not null);
        if (index < 0)
        {
            Counters.Increment(ItrCounter.NoUsableLocator);
            return new ItrLookupResult(ItrLookupOutcome.NoUsableLocator, entry, null, entry.Action, false);
        }

        Counters.Increment(ItrCounter.CacheHits);
        return new ItrLookupResult(ItrLookupOutcome.Hit, entry, entry.Locators[index].Address, entry.Action, false);
    }

    /// <summary>
    /// Asks the mapping system for <paramref name="eid"/> now (as lig does, even when the map-cache holds
    /// an answer) and completes with the outcome once the Map-Reply arrives or every Map-Resolver has
    /// stayed silent. Joins a resolution already under way for the same EID; subject to the
    /// one-request-per-second rate limit (deferred, not refused). Completed on the role thread, with
    /// continuations run asynchronously. Cancelling abandons the wait, not the resolution.
    /// </summary>
    public Task<ItrResolution> ResolveAsync(EidPrefix eid, CancellationToken cancellationToken = default)
    {
        if (!IsIpEid(eid))
        {
            return Task.FromResult(new ItrResolution(eid, ItrResolutionStatus.Rejected, null));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ItrResolution>(cancellationToken);
        }

        if (!TryMarkInFlight(eid) && !_inFlight.ContainsKey(eid))
        {
            Counters.Increment(ItrCounter.PendingLimitDrops);
            return Task.FromResult(new ItrResolution(eid, ItrResolutionStatus.Rejected, null));
        }

        var completion = new TaskCompletionSource<ItrResolution>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
            completion.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        _inbox.Enqueue(new InboxItem(eid, completion));
        InboxSignal?.Invoke();
        return completion.Task;
    }

    /// <summary>
    /// RFC 9301 §5.4 and RFC 6832 §4: Natively-Forward means "this destination is not in LISP space,
    /// deliver it without encapsulation"; an ITR configured with Proxy-ETRs encapsulates such traffic to
    /// a Proxy-ETR instead (e.g. where the provider's uRPF drops packets with EID sources). That is
    /// the only action mapped to a Proxy-ETR: No-Action explicitly means "do not encapsulate", the Drop
    /// actions mean drop, and Send-Map-Request means "not known yet" rather than "not LISP".
    /// </summary>
    private ItrLookupResult NegativeAnswer(EidPrefix eid, MapCacheEntry entry, in FlowKey flow)
    {
        Counters.Increment(ItrCounter.NegativeHits);
        if (entry.Action == MapReplyAction.SendMapRequest)
        {
            // RFC 9301 §5.4: packets matching the entry trigger Map-Requests (rate-limited on the role thread).
            RequestResolution(eid);
        }

        if (entry.Action == MapReplyAction.NativelyForward && _proxyEtrs.Length > 0)
        {
            var index = LocatorSelection.Choose(_proxyEtrs, flow);
            Counters.Increment(ItrCounter.ProxyEtrAnswers);
            return new ItrLookupResult(ItrLookupOutcome.Negative, entry, _proxyEtrs[index].Address, entry.Action, true);
        }

        return new ItrLookupResult(ItrLookupOutcome.Negative, entry, null, entry.Action, false);
    }

    /// <summary>Queues a resolution for a miss unless the EID is already queued, under way, or held down.</summary>
    private void RequestResolution(EidPrefix eid)
    {
        if (_inFlight.ContainsKey(eid))
        {
            return;
        }

        if (TryMarkInFlight(eid))
        {
            _inbox.Enqueue(new InboxItem(eid, null));
            InboxSignal?.Invoke();
        }
        else if (!_inFlight.ContainsKey(eid))
        {
            Counters.Increment(ItrCounter.PendingLimitDrops);
        }
    }

    /// <summary>Adds <paramref name="eid"/> to the in-flight set within the <see cref="ItrOptions.MaxPendingRequests"/> bound; false when it was there or the bound is reached.</summary>
    private bool TryMarkInFlight(EidPrefix eid)
    {
        if (Volatile.Read(ref _inFlightCount) >= Options.MaxPendingRequests || !_inFlight.TryAdd(eid, 0))
        {
            return false;
        }

        Interlocked.Increment(ref _inFlightCount);
        return true;
    }

    private void ReleaseInFlight(EidPrefix eid)
    {
        if (_inFlight.TryRemove(eid, out _))
        {
            Interlocked.Decrement(ref _inFlightCount);
        }
    }

    /// <summary>Applies what lookups and ResolveAsync queued (role thread).</summary>
    private void DrainInbox(DateTimeOffset now)
    {
        while (_inbox.TryDequeue(out var item))
        {
            if (_pendingByEid.TryGetValue(item.Eid, out var pending))
            {
                pending.AddWaiter(item.Waiter);
                continue;
            }

            if (item.Waiter is null)
            {
                if (_heldDown.ContainsKey(item.Eid))
                {
                    continue;
                }

                if (_cache.TryLookup(item.Eid, out var entry) && entry.Expires > now && !(entry.IsNegative && entry.Action == MapReplyAction.SendMapRequest))
                {
                    // Answered since the lookup was queued (a reply for a covering prefix).
                    ReleaseInFlight(item.Eid);
                    continue;
                }
            }
            else
            {
                // An explicit request lifts a hold-down: the operator asked.
                _heldDown.Remove(item.Eid);
            }

            StartResolution(item.Eid, smrInvoked: false, item.Waiter, now);
        }
    }
}
