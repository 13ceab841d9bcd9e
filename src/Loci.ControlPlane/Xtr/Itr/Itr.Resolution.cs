using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>Map-Requests to Map-Resolvers: sending, the rate limit, retransmission, failover, failure (RFC 9301 §5.3, §5.8).</summary>
public sealed partial class Itr
{
    /// <summary>
    /// Starts resolving <paramref name="eid"/> (role thread). RFC 9301 §5.3 allows one Map-Request per
    /// second per EID: when the last one for this EID left less than <see cref="ItrOptions.MinRequestInterval"/>
    /// ago, the request is built now and sent when the gap has passed, so it is late but never lost.
    /// </summary>
    private void StartResolution(EidPrefix eid, bool smrInvoked, TaskCompletionSource<ItrResolution>? waiter, DateTimeOffset now)
    {
        if (_pendingByEid.TryGetValue(eid, out var existing))
        {
            existing.AddWaiter(waiter);
            return;
        }

        if (_pendingByEid.Count >= Options.MaxPendingRequests)
        {
            Counters.Increment(ItrCounter.PendingLimitDrops);
            waiter?.TrySetResult(new ItrResolution(eid, ItrResolutionStatus.Rejected, null));
            ReleaseInFlight(eid);
            return;
        }

        var nonce = NewNonce();
        var pending = new ItrPendingRequest(eid, nonce, smrInvoked, BuildRequest(eid, nonce, smrInvoked), _preferredResolver % Options.MapResolvers.Count, now);
        pending.AddWaiter(waiter);
        _pendingByEid.Add(eid, pending);
        _pendingByNonce.Add(nonce, pending);

        if (_lastRequested.TryGetValue(eid, out var last) && now - last < Options.MinRequestInterval)
        {
            pending.Deferred = true;
            pending.Deadline = last + Options.MinRequestInterval;
            Counters.Increment(ItrCounter.DeferredByRateLimit);
            ItrLog.Deferred(_logger, eid, pending.Deadline - now);
            return;
        }

        Send(pending, now);
    }

    /// <summary>
    /// The ECM Map-Request (RFC 9301 §5.3, §5.8): the inner IP header runs from this ITR's RLOC of the
    /// EID's family to the EID, so the mapping system can route it on the EID; the inner UDP source port
    /// is the ITR's control port, where the Map-Reply is sent back to the ITR-RLOC of the request.
    /// With no RLOC of the EID's family the inner source is the unspecified address (the reply goes to
    /// the ITR-RLOC list, not to the inner source). Source-EID is not set: the ITR resolves for the
    /// destination and the answer does not depend on who asked.
    /// </summary>
    private byte[] BuildRequest(EidPrefix eid, ulong nonce, bool smrInvoked)
    {
        var (address, mask) = EidConversions.ToWire(eid);
        var request = new MapRequest(nonce, LispAddress.None, _itrRlocs, new[] { new MapRequestRecord(address, mask) })
        {
            SmrInvoked = smrInvoked,
        };
        var destination = eid.ToIPAddress();
        var source = eid.Family == EidFamily.IPv4 ? _rlocV4 ?? IPAddress.Any : _rlocV6 ?? IPAddress.IPv6Any;
        return new EncapsulatedControlMessage(source, destination, (ushort)Options.ControlPort, LispPorts.ControlPlane, request).ToArray();
    }

    /// <summary>Sends to the current Map-Resolver and arms the wait: RetransmitInterval × 2^(attempt − 1) (exponential backoff).</summary>
    private void Send(ItrPendingRequest pending, DateTimeOffset now)
    {
        var index = (pending.FirstResolver + pending.ResolversTried) % Options.MapResolvers.Count;
        var resolver = Options.MapResolvers[index];
        _sender.Send(resolver, pending.Payload);
        var first = pending.Attempts == 0 && pending.ResolversTried == 0;
        pending.Attempts++;
        pending.LastResolver = resolver;
        pending.LastResolverIndex = index;
        pending.Deadline = now + (Options.RetransmitInterval * (1 << (pending.Attempts - 1)));
        _lastRequested[pending.Eid] = now;
        if (first)
        {
            Counters.Increment(ItrCounter.RequestsSent);
            if (pending.SmrInvoked)
            {
                Counters.Increment(ItrCounter.SmrInvokedSent);
            }
        }
        else
        {
            Counters.Increment(ItrCounter.Retransmissions);
        }

        if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            ItrLog.RequestSent(_logger, pending.Eid, pending.Nonce, pending.Attempts, pending.SmrInvoked ? ", SMR-invoked" : "", resolver);
        }
    }

    /// <summary>
    /// Due deferred sends, retransmissions and failovers. Each Map-Resolver gets one send and
    /// <see cref="ItrOptions.MaxRetries"/> retransmissions, the waits doubling (1 s, 2 s, 4 s ...);
    /// silence through the last wait moves to the next Map-Resolver with the backoff restarted (it has
    /// not been tried yet); after the last one the resolution fails.
    /// </summary>
    private void RunPending(DateTimeOffset now)
    {
        List<ItrPendingRequest>? due = null;
        foreach (var pending in _pendingByEid.Values)
        {
            if (pending.Deadline <= now)
            {
                (due ??= []).Add(pending);
            }
        }

        foreach (var pending in due ?? [])
        {
            if (pending.Deferred)
            {
                pending.Deferred = false;
                Send(pending, now);
            }
            else if (pending.Attempts <= Options.MaxRetries)
            {
                Send(pending, now);
            }
            else if (pending.ResolversTried + 1 < Options.MapResolvers.Count)
            {
                var silent = pending.LastResolver!;
                pending.ResolversTried++;
                pending.Attempts = 0;
                Counters.Increment(ItrCounter.Failovers);
                var next = Options.MapResolvers[(pending.FirstResolver + pending.ResolversTried) % Options.MapResolvers.Count];
                ItrLog.Failover(_logger, silent, pending.Eid, Options.MaxRetries + 1, next);
                Send(pending, now);
            }
            else
            {
                Fail(pending, now);
            }
        }
    }

    /// <summary>No Map-Resolver answered: no map-cache entry (see the class remarks), a hold-down, and the waiters told.</summary>
    private void Fail(ItrPendingRequest pending, DateTimeOffset now)
    {
        Remove(pending);
        Counters.Increment(ItrCounter.ResolutionsFailed);
        ItrLog.ResolutionFailed(_logger, pending.Eid, pending.ResolversTried + 1);
        if (!_mappingSystemSilent)
        {
            _mappingSystemSilent = true;
            ItrLog.MappingSystemSilent(_logger, pending.Eid, pending.ResolversTried + 1, Options.FailureHoldDown);
        }

        if (Options.FailureHoldDown > TimeSpan.Zero && _inFlight.ContainsKey(pending.Eid))
        {
            // The EID stays in the in-flight set, so lookups do not queue it again until the sweep lifts the hold-down.
            _heldDown[pending.Eid] = now + Options.FailureHoldDown;
        }
        else
        {
            ReleaseInFlight(pending.Eid);
        }

        pending.Complete(new ItrResolution(pending.Eid, ItrResolutionStatus.NoAnswer, null));
    }

    private void Remove(ItrPendingRequest pending)
    {
        _pendingByEid.Remove(pending.Eid);
        _pendingByNonce.Remove(pending.Nonce);
    }
}
