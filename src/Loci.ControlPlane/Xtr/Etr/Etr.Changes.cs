using System.Net;
using System.Net.Sockets;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// Mapping changes: queued from any thread, applied on the role thread, followed by an immediate
/// re-registration and Solicit-Map-Requests to the recent requesters (RFC 9301 §6.1, §8.2).
/// </summary>
public sealed partial class Etr
{
    /// <summary>
    /// Replaces the locator set of a prefix already in the database. Callable from any thread: the
    /// arguments are checked here (<see cref="ArgumentException"/>), the change is applied at the role's
    /// next Receive or OnTimer; a prefix not in the database by then is ignored and counted.
    /// </summary>
    public void UpdateMapping(EidPrefix prefix, IReadOnlyList<LocatorRecord> locators)
    {
        if (prefix.Family == EidFamily.None)
        {
            throw new ArgumentException("ETR option prefix must be set.", nameof(prefix));
        }

        EtrOptions.ValidateLocators(locators, nameof(locators));
        _inbox.Enqueue(new EtrMappingChange(EtrMappingChangeKind.UpdateLocators, prefix, Locators: [.. locators]));
        InboxSignal?.Invoke();
    }

    /// <summary>Adds a prefix to the database, or replaces its entry (locators, TTL, P and a bits, Map-Servers). Any thread; applied like <see cref="UpdateMapping"/>.</summary>
    public void SetPrefix(EtrPrefixOptions entry)
    {
        EtrOptions.ValidatePrefix(entry, nameof(entry), _mapServerNames);
        _inbox.Enqueue(new EtrMappingChange(EtrMappingChangeKind.Set, entry.Prefix, Entry: entry with { Locators = [.. entry.Locators], MapServers = [.. entry.MapServers] }));
        InboxSignal?.Invoke();
    }

    /// <summary>Removes a prefix: it is withdrawn from its Map-Servers (Record TTL 0) and its requesters are solicited. Any thread.</summary>
    public void RemovePrefix(EidPrefix prefix)
    {
        if (prefix.Family == EidFamily.None)
        {
            throw new ArgumentException("ETR option prefix must be set.", nameof(prefix));
        }

        _inbox.Enqueue(new EtrMappingChange(EtrMappingChangeKind.Remove, prefix));
        InboxSignal?.Invoke();
    }

    /// <summary>Applies every queued change, then re-registers with the Map-Servers concerned and sends the SMRs that are due.</summary>
    private void ApplyChanges()
    {
        if (_inbox.IsEmpty)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var reregister = new bool[_mapServers.Length];
        while (_inbox.TryDequeue(out var change))
        {
            if (Apply(change, now, reregister))
            {
                Counters.MappingChangeApplied();
            }
            else
            {
                Counters.MappingChangeIgnored();
                EtrLog.ChangeIgnored(_logger, change.Kind, change.Prefix);
            }
        }

        RecountPrefixes();
        foreach (var server in _mapServers)
        {
            if (reregister[server.Index])
            {
                // RFC 9301 §8.2 registers periodically; a change is not worth waiting a period for.
                StartRound(server, now, now + _options.RegisterInterval);
            }
        }

        SendDueSmrs(now);
    }

    /// <summary>Applies one change to the database; false when it names a prefix that is not there.</summary>
    private bool Apply(EtrMappingChange change, DateTimeOffset now, bool[] reregister)
    {
        _database.TryGetValue(change.Prefix, out var old);
        switch (change.Kind)
        {
            case EtrMappingChangeKind.UpdateLocators when old is not null:
            {
                var updated = new EtrLocalMapping(old.Options with { Locators = change.Locators! }, old.MapServers);
                _database.Set(change.Prefix, updated);
                Mark(reregister, updated.MapServers);
                EtrLog.MappingChanged(_logger, change.Prefix, updated.Record.Locators.Count);
                SolicitRequesters(updated, now);
                return true;
            }

            case EtrMappingChangeKind.Set:
            {
                var mapping = CreateMapping(change.Entry!);
                _database.Set(change.Prefix, mapping);
                foreach (var index in mapping.MapServers)
                {
                    _mapServers[index].Withdrawals.RemoveAll(w => w.Prefix == change.Prefix);
                }

                Mark(reregister, mapping.MapServers);
                if (old is null)
                {
                    EtrLog.PrefixAdded(_logger, change.Prefix, mapping.Record.Locators.Count);
                    return true;
                }

                foreach (var index in old.MapServers.Except(mapping.MapServers))
                {
                    _mapServers[index].Withdrawals.Add(old);
                    reregister[index] = true;
                }

                // Caches only hold the record: a change of Map-Servers or P/a bits needs no SMR.
                if (old.Record != mapping.Record)
                {
                    EtrLog.MappingChanged(_logger, change.Prefix, mapping.Record.Locators.Count);
                    SolicitRequesters(mapping, now);
                }

                return true;
            }

            case EtrMappingChangeKind.Remove when old is not null:
            {
                _database.Remove(change.Prefix);
                foreach (var index in old.MapServers)
                {
                    _mapServers[index].Withdrawals.Add(old);
                }

                Mark(reregister, old.MapServers);
                EtrLog.PrefixRemoved(_logger, change.Prefix, old.MapServers.Length);

                // The requesters must learn the prefix is gone: they ask again and the mapping system answers.
                SolicitRequesters(old, now);
                _requesters.RemovePrefix(change.Prefix);
                return true;
            }

            default:
                return false;
        }
    }

    private static void Mark(bool[] reregister, int[] mapServers)
    {
        foreach (var index in mapServers)
        {
            reregister[index] = true;
        }
    }

    /// <summary>
    /// Owes an SMR to every recent requester of the prefix. A requester already owed one starts its
    /// attempts over, but its next SMR still waits out <see cref="EtrOptions.SmrInterval"/> since the
    /// last one: at most one SMR per requester per prefix per interval, however fast changes come.
    /// </summary>
    private void SolicitRequesters(EtrLocalMapping mapping, DateTimeOffset now)
    {
        var requesters = _requesters.Recent(mapping.Prefix, now - _options.RequesterMemory);
        if (requesters.Count == 0)
        {
            return;
        }

        foreach (var requester in requesters)
        {
            var key = (mapping.Prefix, requester);
            if (_smrs.TryGetValue(key, out var state))
            {
                state.Mapping = mapping;
                state.Attempts = 0;
                state.Active = true;
                var allowed = state.LastSent is { } last ? last + _options.SmrInterval : now;
                state.NextDue = allowed > now ? allowed : now;
            }
            else
            {
                _smrs[key] = new EtrSmrState(mapping, now);
            }
        }

        EtrLog.SmrsScheduled(_logger, mapping.Prefix, requesters.Count);
    }

    /// <summary>Sends due SMRs, gives up on requesters past <see cref="EtrOptions.SmrMaxAttempts"/>, forgets finished ones once the rate limit no longer needs them.</summary>
    private void SendDueSmrs(DateTimeOffset now)
    {
        if (_smrs.Count == 0)
        {
            return;
        }

        List<(EidPrefix, IPAddress)>? finished = null;
        foreach (var (key, state) in _smrs)
        {
            if (!state.Active)
            {
                if (state.LastSent is not { } last || last + _options.SmrInterval <= now)
                {
                    (finished ??= []).Add(key);
                }

                continue;
            }

            if (state.NextDue > now)
            {
                continue;
            }

            if (state.Attempts >= _options.SmrMaxAttempts)
            {
                state.Active = false;
                Counters.SmrGivenUp();
                EtrLog.SmrGivenUp(_logger, key.Prefix, key.Requester, state.Attempts);
                continue;
            }

            SendSmr(key.Prefix, key.Requester, state.Mapping, state.Attempts + 1);
            state.Attempts++;
            state.LastSent = now;
            state.NextDue = now + _options.SmrInterval;
        }

        foreach (var key in finished ?? [])
        {
            _smrs.Remove(key);
        }
    }

    /// <summary>
    /// A Solicit-Map-Request (RFC 9301 §6.1: a Map-Request with the S bit) to the requester's control
    /// port 4342. §6.1 does not pin down which field names the stale mapping, so Loci fills both:
    /// the Source-EID is the changed prefix's address and the one request record is the changed
    /// prefix; the receiving ITR may read either. The ITR-RLOC is one of the prefix's own locators of
    /// the requester's family, where the SMR-invoked Map-Request may come back to.
    /// </summary>
    private void SendSmr(EidPrefix prefix, IPAddress requester, EtrLocalMapping mapping, int attempt)
    {
        var (address, mask) = EidConversions.ToWire(prefix);
        var smr = new MapRequest(NewNonce(), address, new[] { SmrItrRloc(mapping, requester.AddressFamily) }, new[] { new MapRequestRecord(address, mask) })
        {
            SolicitMapRequest = true,
        };
        var destination = new IPEndPoint(requester, _options.SmrPort);
        Send(destination, smr);
        Counters.SmrSent();
        EtrLog.SmrSent(_logger, prefix, destination, attempt);
    }

    /// <summary>A local locator of the family first, then any locator of the family, then any IP locator, else the unspecified address.</summary>
    private static LispAddress SmrItrRloc(EtrLocalMapping mapping, AddressFamily family)
    {
        LispAddress? sameFamily = null;
        LispAddress? any = null;
        foreach (var locator in mapping.Record.Locators)
        {
            if (locator.Rloc is not InetAddress inet)
            {
                continue;
            }

            if (inet.Ip.AddressFamily == family)
            {
                if (locator.Local)
                {
                    return inet;
                }

                sameFamily ??= inet;
            }

            any ??= inet;
        }

        return sameFamily ?? any ?? new InetAddress(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any);
    }

    /// <summary>
    /// A Map-Request from a requester we owe SMRs for this prefix: it has asked again and got the new
    /// mapping, so stop soliciting it. The SMR-invoked one (s bit, RFC 9301 §6.1) is the expected case,
    /// but any Map-Request answered with the current mapping serves; it may come through the mapping
    /// system, so every ITR-RLOC it lists is matched, not only the reply address. The ITR-RLOCs become
    /// addresses only while SMRs are owed (after a change), so the steady state allocates nothing.
    /// </summary>
    private void CompleteSmrs(EidPrefix prefix, in MapRequestView request, IPAddress replyAddress)
    {
        if (_smrs.Count == 0)
        {
            return;
        }

        Complete(prefix, replyAddress);
        foreach (var rloc in request.ItrRlocs)
        {
            if (rloc.Afi is Afi.IPv4 or Afi.IPv6)
            {
                Complete(prefix, EtrAddresses.Normalize(new IPAddress(rloc.Body)));
            }
        }
    }

    private void Complete(EidPrefix prefix, IPAddress requester)
    {
        if (_smrs.TryGetValue((prefix, requester), out var state) && state.Active)
        {
            state.Active = false;
            Counters.SmrAnswered();
        }
    }
}
