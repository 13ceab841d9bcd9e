using System.Net;
using System.Net.Sockets;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.MapServers;

/// <summary>The resolution path (RFC 9301 §8.3; RFC 8111 §7.3; seed 002's MAP-REQUEST module). Read-only, any thread.</summary>
public sealed partial class MapServer
{
    /// <summary>The error logged for a Map-Request without records (Record Count is byte 3).</summary>
    private static readonly WireError NoRequestRecords = new(WireErrorCode.BadValue, 3, "map-request without records");

    /// <summary>
    /// Answers one Map-Request, native or inside an ECM:
    /// <list type="bullet">
    /// <item>registered EID: a proxy Map-Reply when a live registration set P, else the request is
    /// forwarded to an ETR in an ECM with E set (RFC 9301 §8.3, §5.8);</item>
    /// <item>in a site's space, not registered: negative Map-Reply, Natively-Forward, TTL 1 minute
    /// (RFC 9301 §8.3: "the Map-Server returns a negative Map-Reply with action code
    /// 'Natively-Forward' and a 1-minute TTL"), covering the largest block of the site that holds no registration;</item>
    /// <item>outside every site: negative Map-Reply, Natively-Forward, TTL 15 minutes (RFC 9301 §8.3),
    /// covering the largest block outside the EID space, or the hole in it;</item>
    /// <item>DDT-originated (ECM D bit, RFC 8111 §7.3): the DDT client also gets a Map-Referral,
    /// MS-ACK for a registered EID (and the request is answered or forwarded as above),
    /// MS-NOT-REGISTERED for unregistered site space and NOT-AUTHORITATIVE outside the sites, both
    /// instead of a negative Map-Reply (the Map-Resolver answers the ITR itself).</item>
    /// </list>
    /// Thread-safe with respect to itself and the registration path; never throws on bad input.
    /// </summary>
    public void HandleRequest(in InboundDatagram datagram)
    {
        Counters.RequestReceived();
        if (!InboundMapRequest.TryRead(datagram.Payload, out var request, out var encapsulated, out var ecm))
        {
            RejectRequest(datagram);
            return;
        }

        // RFC 9301 §5.2: senders put one record in a Map-Request; like other implementations, answer the first.
        var records = request.Records;
        if (!records.MoveNext())
        {
            Counters.Malformed();
            MapServerLog.Malformed(_logger, datagram.Payload.Length, datagram.Source, NoRequestRecords);
            return;
        }

        var asked = records.Current;
        if (!EidConversions.TryToPrefix(asked.Eid, asked.MaskLength, out var eid))
        {
            Counters.Unsupported();
            MapServerLog.Unsupported(_logger, MessageType.MapRequest, datagram.Source, "the EID is not an IPv4 or IPv6 prefix");
            return;
        }

        var ddt = encapsulated && ecm.DdtOriginated;
        MapServerLog.RequestReceived(_logger, eid, datagram.Source, request.Nonce, ddt);
        var client = datagram.Source;
        var replyTo = MapReplyDestination.For(request, encapsulated, ecm, client, _replyEndpoints);
        var now = _time.GetUtcNow();
        EidPrefix? expired = null;
        if (_registrations.TryLookup(eid, out var matched, out var entry))
        {
            var mapping = entry.Merged(now);
            if (mapping.First is { } first)
            {
                if (ddt)
                {
                    SendReferral(client, request.Nonce, matched, ReferralAction.MsAck, _options.MsAckTtlMinutes);
                }

                if (mapping.Proxy)
                {
                    ProxyReply(replyTo, request.Nonce, matched, mapping);
                }
                else
                {
                    Forward(datagram, replyTo, eid, mapping, first);
                }

                return;
            }

            expired = matched; // registered but timed out, not yet swept by OnTimer
        }

        if (_siteSpace.TryLookup(eid, out var sitePrefix, out _))
        {
            var block = expired ?? UnregisteredBlock(eid, sitePrefix.Length);
            if (ddt)
            {
                SendReferral(client, request.Nonce, block, ReferralAction.MsNotRegistered, _options.MsNotRegisteredTtlMinutes);
            }
            else
            {
                SendNegative(replyTo, request.Nonce, block, _options.UnregisteredNegativeTtlMinutes);
            }

            return;
        }

        // Outside every site: the largest block outside the EID space (seed 004 §9, RFC 9301 §8.3 "non-LISP
        // hole"), or, inside the configured EID space, the largest block that holds no site.
        var outside = _eidSpace.TryGetUncoveredBlock(eid, out var nonEid) ? nonEid
            : _siteSpace.TryGetUncoveredBlock(eid, out var hole) ? hole
            : eid;
        if (ddt)
        {
            SendReferral(client, request.Nonce, outside, ReferralAction.NotAuthoritative, 0);
        }
        else
        {
            SendNegative(replyTo, request.Nonce, outside, _options.NonSiteNegativeTtlMinutes);
        }
    }

    /// <summary>
    /// Counts and logs a datagram on the resolution path that is not a well-formed Map-Request: the
    /// model parser runs here, off the hot path, for its precise error (what and at which byte).
    /// </summary>
    private void RejectRequest(in InboundDatagram datagram)
    {
        if (!LispMessage.TryParse(datagram.Payload, out var message, out var error))
        {
            Counters.Malformed();
            MapServerLog.Malformed(_logger, datagram.Payload.Length, datagram.Source, error);
            return;
        }

        if (message is MapRequest or EncapsulatedControlMessage { Inner: MapRequest })
        {
            // The model accepts what the views refused: treat it as malformed rather than guess.
            Counters.Malformed();
            MapServerLog.Malformed(_logger, datagram.Payload.Length, datagram.Source, new WireError(WireErrorCode.BadValue, 0, "map-request the allocation-free reader refused"));
            return;
        }

        Counters.Unsupported();
        MapServerLog.Unsupported(_logger, message.Type, datagram.Source, "an ECM that holds no Map-Request");
    }

    /// <summary>The largest block around <paramref name="eid"/> with no registration, never wider than the site prefix.</summary>
    private EidPrefix UnregisteredBlock(EidPrefix eid, int siteLength)
    {
        if (!_registrations.TryGetUncoveredBlock(eid, out var block))
        {
            return eid; // the request asks for a prefix that contains registrations
        }

        return block.Length < siteLength ? eid.WithLength(siteLength) : block;
    }

    /// <summary>RFC 9301 §8.3: the Map-Server answers for the site; A clear (not the ETR's own answer, RFC 9301 §5.4).</summary>
    private void ProxyReply(IPEndPoint to, ulong nonce, EidPrefix prefix, in MergedMapping mapping)
    {
        SendMapReply(to, nonce, prefix, mapping.Ttl, mapping.Locators.AsSpan(), MapReplyAction.NoAction);
        Counters.PositiveReply();
        MapServerLog.ProxyReplySent(_logger, prefix, to);
    }

    /// <summary>
    /// RFC 9301 §8.3: no proxy service requested, so the request goes to one registered ETR, in an ECM
    /// with the E (to-ETR) bit (§5.8). The inner headers keep the requester's address and port so the
    /// ETR answers the ITR directly. The request is re-read as a model here: forwarding is not the
    /// allocation-free path (the ETR's answer is).
    /// </summary>
    private void Forward(in InboundDatagram datagram, IPEndPoint replyTo, EidPrefix eid, in MergedMapping mapping, Registration first)
    {
        if (!LispMessage.TryParse(datagram.Payload, out var message, out var error))
        {
            Counters.Malformed(); // unreachable: the views accepted it
            MapServerLog.Malformed(_logger, datagram.Payload.Length, datagram.Source, error);
            return;
        }

        var ecm = message as EncapsulatedControlMessage;
        var request = (MapRequest)(ecm?.Inner ?? message);
        var etr = _options.ForwardTo == EtrForwarding.RegistrationSource
            ? first.LastSource
            : RegisteredPrefix.BestRloc(mapping.Locators.AsSpan()) is { } rloc ? new IPEndPoint(rloc, _options.EtrControlPort) : new IPEndPoint(first.LastSource.Address, _options.EtrControlPort);

        EncapsulatedControlMessage forward;
        if (ecm is not null)
        {
            forward = new EncapsulatedControlMessage(ecm.InnerSource, ecm.InnerDestination, ecm.InnerSourcePort, ecm.InnerDestinationPort, request) { ToEtr = true };
        }
        else
        {
            var source = replyTo.Address;
            var destination = eid.Family is EidFamily.IPv4 or EidFamily.IPv6 ? eid.ToIPAddress() : source;
            if (destination.AddressFamily != source.AddressFamily)
            {
                destination = source;
            }

            forward = new EncapsulatedControlMessage(source, destination, (ushort)replyTo.Port, LispPorts.ControlPlane, request) { ToEtr = true };
        }

        Send(etr, forward);
        Counters.Forwarded();
        MapServerLog.Forwarded(_logger, eid, etr);
    }

    /// <summary>Negative Map-Reply: no locators, Natively-Forward (RFC 9301 §5.4, §8.3), A clear.</summary>
    private void SendNegative(IPEndPoint to, ulong nonce, EidPrefix block, uint ttl)
    {
        SendMapReply(to, nonce, block, ttl, [], MapReplyAction.NativelyForward);
        Counters.NegativeReply();
        MapServerLog.NegativeReplySent(_logger, block, ttl, to);
    }

    /// <summary>
    /// Writes a one-record Map-Reply straight from the table's key and locators (no model objects)
    /// and sends it: the allocation-free answer. A record holds at most 255 locators (Locator Count
    /// is 8 bits); a merged set beyond that, from many registrants, is cut to its first 255.
    /// </summary>
    private void SendMapReply(IPEndPoint to, ulong nonce, in EidPrefix prefix, uint ttl, ReadOnlySpan<LocatorRecord> locators, MapReplyAction action)
    {
        locators = locators[..Math.Min(locators.Length, byte.MaxValue)];
        var length = 12 + RecordLength(prefix, locators);
        Span<byte> buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var writer = new SpanWriter(buffer);
        MapReply.WriteHeader(ref writer, nonce, recordCount: 1);
        EidRecord.WriteHeader(ref writer, ttl, locators.Length, (byte)prefix.Length, action, authoritative: false);
        WriteRecordBody(ref writer, prefix, locators);
        _sender.Send(to, writer.Written);
    }

    /// <summary>
    /// Map-Referral to the DDT client (RFC 8111 §7.3), sent to the ECM's outer source address and port.
    /// MS-ACK and MS-NOT-REGISTERED are authoritative and list the peer Map-Servers, incomplete when
    /// none are configured (RFC 8111 §6.4); NOT-AUTHORITATIVE has TTL 0, no referrals, incomplete.
    /// </summary>
    private void SendReferral(IPEndPoint to, ulong nonce, EidPrefix prefix, ReferralAction action, uint ttl)
    {
        // Written straight from the prefix and the peer locators kept ready (no model objects), like SendMapReply.
        var referrals = action == ReferralAction.NotAuthoritative ? [] : _peerReferrals.AsSpan();
        referrals = referrals[..Math.Min(referrals.Length, byte.MaxValue)]; // Referral Count is 8 bits
        var length = 12 + RecordLength(prefix, referrals);
        Span<byte> buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var writer = new SpanWriter(buffer);
        MapReferral.WriteHeader(ref writer, nonce, recordCount: 1);
        ReferralRecord.WriteHeader(ref writer, ttl, referrals.Length, (byte)prefix.Length, action, authoritative: action != ReferralAction.NotAuthoritative, incomplete: referrals.IsEmpty);
        WriteRecordBody(ref writer, prefix, referrals);
        _sender.Send(to, writer.Written);
        Counters.ReferralSent();
        MapServerLog.ReferralSent(_logger, action, prefix, to);
    }

    /// <summary>Encoded length of one record: its 10 header bytes, the EID (AFI included) and the locators (Map-Reply and Map-Referral records alike).</summary>
    private static int RecordLength(in EidPrefix prefix, ReadOnlySpan<LocatorRecord> locators)
    {
        var length = 10 + EidConversions.WireLength(prefix);
        foreach (var locator in locators)
        {
            length += locator.EncodedLength;
        }

        return length;
    }

    /// <summary>What follows a record's header: the EID and the locators.</summary>
    private static void WriteRecordBody(ref SpanWriter writer, in EidPrefix prefix, ReadOnlySpan<LocatorRecord> locators)
    {
        EidConversions.WriteWire(ref writer, prefix);
        foreach (var locator in locators)
        {
            locator.WriteTo(ref writer);
        }
    }
}
