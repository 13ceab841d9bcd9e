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
        if (!LispMessage.TryParse(datagram.Payload, out var message, out var error))
        {
            Counters.Malformed();
            MapServerLog.Malformed(_logger, datagram.Payload.Length, datagram.Source, error);
            return;
        }

        MapRequest request;
        EncapsulatedControlMessage? ecm = null;
        switch (message)
        {
            case MapRequest native:
                request = native;
                break;
            case EncapsulatedControlMessage { Inner: MapRequest inner } encapsulated:
                ecm = encapsulated;
                request = inner;
                break;
            default:
                Counters.Unsupported();
                MapServerLog.Unsupported(_logger, message.Type, datagram.Source, "an ECM that holds no Map-Request");
                return;
        }

        // RFC 9301 §5.2: senders put one record in a Map-Request; like other implementations, answer the first.
        if (request.Records.Count == 0)
        {
            Counters.Malformed();
            MapServerLog.Malformed(_logger, datagram.Payload.Length, datagram.Source, NoRequestRecords);
            return;
        }

        var asked = request.Records[0];
        if (!EidConversions.TryToPrefix(asked.EidPrefix, asked.MaskLength, out var eid))
        {
            Counters.Unsupported();
            MapServerLog.Unsupported(_logger, MessageType.MapRequest, datagram.Source, "the EID is not an IPv4 or IPv6 prefix");
            return;
        }

        var ddt = ecm?.DdtOriginated == true;
        MapServerLog.RequestReceived(_logger, eid, datagram.Source, request.Nonce, ddt);
        var client = datagram.Source;
        var replyTo = MapReplyDestination.For(request, ecm, client);
        var now = _time.GetUtcNow();
        EidPrefix? expired = null;
        if (_registrations.TryLookup(eid, out var matched, out var entry))
        {
            var locators = entry.MergedLocators(now, out var proxy, out var ttl, out var first);
            if (first is not null)
            {
                if (ddt)
                {
                    SendReferral(client, request.Nonce, matched, ReferralAction.MsAck, _options.MsAckTtlMinutes);
                }

                if (proxy)
                {
                    ProxyReply(replyTo, request.Nonce, matched, ttl, locators);
                }
                else
                {
                    Forward(request, ecm, replyTo, eid, locators, first);
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
    private void ProxyReply(IPEndPoint to, ulong nonce, EidPrefix prefix, uint ttl, List<LocatorRecord> locators)
    {
        var (address, mask) = EidConversions.ToWire(prefix);
        var record = new EidRecord(address, mask, ttl, locators.ToArray(), MapReplyAction.NoAction, authoritative: false);
        Send(to, new MapReply(nonce, new[] { record }));
        Counters.PositiveReply();
        MapServerLog.ProxyReplySent(_logger, prefix, to);
    }

    /// <summary>
    /// RFC 9301 §8.3: no proxy service requested, so the request goes to one registered ETR, in an ECM
    /// with the E (to-ETR) bit (§5.8). The inner headers keep the requester's address and port so the
    /// ETR answers the ITR directly.
    /// </summary>
    private void Forward(MapRequest request, EncapsulatedControlMessage? ecm, IPEndPoint replyTo, EidPrefix eid, List<LocatorRecord> locators, Registration first)
    {
        var etr = _options.ForwardTo == EtrForwarding.RegistrationSource
            ? first.LastSource
            : RegisteredPrefix.BestRloc(locators) is { } rloc ? new IPEndPoint(rloc, _options.EtrControlPort) : new IPEndPoint(first.LastSource.Address, _options.EtrControlPort);

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
        var (address, mask) = EidConversions.ToWire(block);
        var record = new EidRecord(address, mask, ttl, EquatableArray<LocatorRecord>.Empty, MapReplyAction.NativelyForward);
        Send(to, new MapReply(nonce, new[] { record }));
        Counters.NegativeReply();
        MapServerLog.NegativeReplySent(_logger, block, ttl, to);
    }

    /// <summary>
    /// Map-Referral to the DDT client (RFC 8111 §7.3), sent to the ECM's outer source address and port.
    /// MS-ACK and MS-NOT-REGISTERED are authoritative and list the peer Map-Servers, incomplete when
    /// none are configured (RFC 8111 §6.4); NOT-AUTHORITATIVE has TTL 0, no referrals, incomplete.
    /// </summary>
    private void SendReferral(IPEndPoint to, ulong nonce, EidPrefix prefix, ReferralAction action, uint ttl)
    {
        var (address, mask) = EidConversions.ToWire(prefix);
        var referrals = action == ReferralAction.NotAuthoritative ? EquatableArray<LocatorRecord>.Empty : _peerReferrals;
        var record = new ReferralRecord(
            address,
            mask,
            ttl,
            action,
            referrals,
            authoritative: action != ReferralAction.NotAuthoritative,
            incomplete: referrals.Count == 0);
        Send(to, new MapReferral(nonce, new[] { record }));
        Counters.ReferralSent();
        MapServerLog.ReferralSent(_logger, action, prefix, to);
    }
}
