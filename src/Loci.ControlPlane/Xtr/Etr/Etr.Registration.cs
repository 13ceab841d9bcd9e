using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>Registration with the Map-Servers (RFC 9301 §8.2) and the Map-Notifies that confirm it (§5.7). Role thread only.</summary>
public sealed partial class Etr
{
    /// <summary>Starts each Map-Server's periodic round when due, and retransmits unconfirmed Map-Registers.</summary>
    private void RunRegistrationTimers(DateTimeOffset now)
    {
        foreach (var server in _mapServers)
        {
            if (now >= server.NextRound)
            {
                // Keep the period anchored to the schedule, not to when OnTimer happened to run; after a
                // long pause (host stalled, clock jumped) start afresh from now.
                var next = server.NextRound + _options.RegisterInterval;
                StartRound(server, now, next > now ? next : now + _options.RegisterInterval);
            }
            else
            {
                RetransmitDue(server, now);
            }
        }
    }

    /// <summary>
    /// Sends a new round to one Map-Server: every prefix it holds plus owed withdrawals, grouped into
    /// as few Map-Registers as the per-message P and a bits allow, each with a fresh nonce, signed with
    /// this Map-Server's key. A round still in flight is superseded: its answers would confirm older data.
    /// </summary>
    private void StartRound(EtrMapServerState server, DateTimeOffset now, DateTimeOffset nextRound)
    {
        server.NextRound = nextRound;
        server.ClearOutstanding();
        var registers = BuildRegisters(server);
        server.Withdrawals.Clear();
        if (registers.Count == 0)
        {
            server.State = EtrRegistrationState.Idle;
            server.Publish();
            return;
        }

        foreach (var register in registers)
        {
            var bytes = register.ToSignedArray(server.Key);
            _sender.Send(server.Address, bytes);
            Counters.RegisterSent();
            server.RegistersSent++;
            server.LastRegisterSent = now;
            EtrLog.RegisterSent(_logger, server.Name, register.Nonce, register.Records.Count, 0);
            if (_options.WantMapNotify)
            {
                server.Outstanding.Add(new EtrPendingRegister(register.Nonce, bytes, now + _options.NotifyRetransmitInterval));
            }
        }

        if (!_options.WantMapNotify)
        {
            server.State = server.Prefixes > 0 ? EtrRegistrationState.Unconfirmed : EtrRegistrationState.Idle;
        }
        else if (server.State == EtrRegistrationState.Idle)
        {
            server.State = EtrRegistrationState.Registering;
        }

        server.Publish();
    }

    /// <summary>
    /// Map-Registers for one Map-Server. Records are grouped by (P, a): both bits are per message
    /// (RFC 9301 §5.6), so prefixes that differ in them cannot share one. A group is split when it
    /// would pass 255 records or <see cref="MaxRegisterBytes"/>. Every register carries the xTR-ID and
    /// site-ID (I bit) so the Map-Server keeps this xTR's registration apart from its siblings'.
    /// </summary>
    private List<MapRegister> BuildRegisters(EtrMapServerState server)
    {
        // Index = 2 × P + a, so the order of the registers does not depend on the database's.
        var groups = new List<EidRecord>?[4];
        var held = new HashSet<EidPrefix>();
        foreach (var (prefix, mapping) in _database.Current.Entries)
        {
            if (mapping.GoesTo(server.Index))
            {
                held.Add(prefix);
                (groups[GroupIndex(mapping.Options)] ??= []).Add(mapping.Record);
            }
        }

        foreach (var withdrawn in server.Withdrawals)
        {
            // RFC 9301 §8.2: Record TTL 0 removes the registration. Skipped if the prefix came back meanwhile.
            if (held.Add(withdrawn.Prefix))
            {
                (groups[GroupIndex(withdrawn.Options)] ??= []).Add(withdrawn.Record with { Ttl = 0 });
            }
        }

        var fixedLength = AuthenticatedMessage.AuthDataOffset + server.Key.DigestLength + 24; // header, auth, xTR-ID + site-ID
        var registers = new List<MapRegister>();
        for (var group = 0; group < groups.Length; group++)
        {
            if (groups[group] is not { } records)
            {
                continue;
            }

            var start = 0;
            while (start < records.Count)
            {
                var count = 0;
                var length = fixedLength;
                while (start + count < records.Count && count < byte.MaxValue
                    && (count == 0 || length + records[start + count].EncodedLength <= MaxRegisterBytes))
                {
                    length += records[start + count].EncodedLength;
                    count++;
                }

                registers.Add(new MapRegister(NewNonce(), records.GetRange(start, count).ToArray())
                {
                    ProxyReply = group >= 2,
                    Merge = (group & 1) != 0,
                    WantMapNotify = _options.WantMapNotify,
                    XtrId = XtrId,
                    SiteId = _options.SiteId,
                });
                start += count;
            }
        }

        return registers;
    }

    private static int GroupIndex(EtrPrefixOptions options) => (options.ProxyReply ? 2 : 0) + (options.Merge ? 1 : 0);

    /// <summary>
    /// Resends Map-Registers whose Map-Notify has not come within <see cref="EtrOptions.NotifyRetransmitInterval"/>,
    /// same bytes and nonce; after <see cref="EtrOptions.NotifyMaxRetransmits"/> the round has failed and the
    /// next periodic round tries again.
    /// </summary>
    private void RetransmitDue(EtrMapServerState server, DateTimeOffset now)
    {
        foreach (var pending in server.Outstanding)
        {
            if (pending.Confirmed || pending.NextRetransmit > now)
            {
                continue;
            }

            if (pending.Retransmits >= _options.NotifyMaxRetransmits)
            {
                FailRound(server, now, pending.Retransmits + 1);
                return;
            }

            _sender.Send(server.Address, pending.Bytes);
            pending.Retransmits++;
            pending.NextRetransmit = now + _options.NotifyRetransmitInterval;
            Counters.RegisterRetransmit();
            server.RegistersSent++;
            server.LastRegisterSent = now;
            EtrLog.RegisterSent(_logger, server.Name, pending.Nonce, 0, pending.Retransmits);
            server.Publish();
        }
    }

    private void FailRound(EtrMapServerState server, DateTimeOffset now, int transmissions)
    {
        server.ClearOutstanding();
        server.Failures++;
        Counters.RegistrationRoundFailed();
        if (server.State != EtrRegistrationState.Failing)
        {
            EtrLog.RegistrationFailing(_logger, server.Name, server.Address, transmissions, server.NextRound - now);
        }

        server.State = server.Prefixes > 0 ? EtrRegistrationState.Failing : EtrRegistrationState.Idle;
        server.Publish();
    }

    /// <summary>
    /// A Map-Notify. With the nonce of a Map-Register in flight it confirms that register, provided it
    /// comes from that register's Map-Server and verifies with that Map-Server's key (RFC 9301 §5.7);
    /// a Map-Notify some other party could have made confirms nothing. Otherwise, if a Map-Server at
    /// the source vouches for it with its key, it is a late answer (recent nonce: counted) or an
    /// unsolicited notify (acknowledged with a Map-Notify-Ack, §5.7). Everything else is dropped and counted.
    /// </summary>
    private void HandleNotify(in InboundDatagram datagram)
    {
        var payload = datagram.Payload;
        if (!LispMessage.TryParse(payload, out var message, out _) || message is not MapNotify notify)
        {
            Counters.Malformed();
            EtrLog.Dropped(_logger, datagram.Source, "malformed Map-Notify");
            return;
        }

        var source = datagram.Source;
        foreach (var server in _mapServers)
        {
            var pending = server.Outstanding.Find(p => p.Nonce == notify.Nonce);
            if (pending is null)
            {
                continue;
            }

            if (!EtrAddresses.Same(server.Address.Address, source.Address))
            {
                RejectNotify(source, notify.Nonce, "source is not the Map-Server the nonce was sent to");
                return;
            }

            if (server.Key.Verify(payload) != AuthResult.Valid)
            {
                RejectNotify(source, notify.Nonce, "authentication failed with the Map-Server's key");
                return;
            }

            Confirm(server, pending);
            return;
        }

        foreach (var server in _mapServers)
        {
            if (!EtrAddresses.Same(server.Address.Address, source.Address) || server.Key.Verify(payload) != AuthResult.Valid)
            {
                continue;
            }

            if (server.WasRecent(notify.Nonce))
            {
                Counters.NotifyLate();
                return;
            }

            Counters.NotifyUnsolicited();
            SendNotifyAck(notify, server, source);
            return;
        }

        RejectNotify(source, notify.Nonce, "unknown nonce, and no Map-Server at the source vouches for it");
    }

    private void Confirm(EtrMapServerState server, EtrPendingRegister pending)
    {
        if (pending.Confirmed)
        {
            Counters.NotifyLate(); // a second answer to a retransmitted register
            return;
        }

        pending.Confirmed = true;
        server.LastNotifyReceived = _time.GetUtcNow();
        Counters.NotifyVerified();
        if (server.Outstanding.TrueForAll(p => p.Confirmed))
        {
            server.ClearOutstanding();
            var was = server.State;
            server.State = server.Prefixes > 0 ? EtrRegistrationState.Registered : EtrRegistrationState.Idle;
            if (was != EtrRegistrationState.Registered && server.State == EtrRegistrationState.Registered)
            {
                EtrLog.Registered(_logger, server.Name, server.Address, server.Prefixes);
            }
        }

        server.Publish();
    }

    private void RejectNotify(IPEndPoint source, ulong nonce, string reason)
    {
        Counters.NotifyRejected();
        EtrLog.NotifyDropped(_logger, source, nonce, reason);
    }

    /// <summary>Map-Notify-Ack (RFC 9301 §5.7): the notify's nonce and records, signed with the same Map-Server's key, back to its source.</summary>
    private void SendNotifyAck(MapNotify notify, EtrMapServerState server, IPEndPoint destination)
    {
        var ack = new MapNotifyAck(notify.Nonce, notify.Records);
        _sender.Send(destination, ack.ToSignedArray(server.Key));
        Counters.NotifyAckSent();
        EtrLog.NotifyAcknowledged(_logger, server.Name, notify.Nonce);
    }
}
