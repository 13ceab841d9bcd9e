using System.Net;
using System.Net.Sockets;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>Map-Requests and RLOC-probes for the local EIDs (RFC 9301 §5.2-§5.4, §6.3.2, §8.3). Role thread only.</summary>
public sealed partial class Etr
{
    /// <summary>
    /// Answers one Map-Request, native (from an ITR, often a probe) or inside an ECM (forwarded by a
    /// Map-Server with the E bit, RFC 9301 §8.3), for the longest local prefix matching its first
    /// record. Never throws on bad input.
    /// </summary>
    private void HandleRequest(in InboundDatagram datagram)
    {
        Counters.RequestReceived();
        if (!LispMessage.TryParse(datagram.Payload, out var message, out _))
        {
            Counters.Malformed();
            EtrLog.Dropped(_logger, datagram.Source, "malformed Map-Request or ECM");
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
                EtrLog.Dropped(_logger, datagram.Source, "ECM without a Map-Request");
                return;
        }

        if (request.SolicitMapRequest)
        {
            // RFC 9301 §6.1: an SMR tells the receiver's ITR side that its map-cache entry is stale;
            // the host routes native SMRs to the ITR (TunnelRouter). There is nothing for an ETR to answer.
            Counters.SmrIgnored();
            return;
        }

        // RFC 9301 §5.2: senders put one record in a Map-Request; like other implementations, answer the first.
        if (request.Records.Count == 0)
        {
            Counters.Malformed();
            EtrLog.Dropped(_logger, datagram.Source, "Map-Request without a record");
            return;
        }

        var asked = request.Records[0];
        if (!EidConversions.TryToPrefix(asked.EidPrefix, asked.MaskLength, out var eid))
        {
            Counters.Unsupported();
            EtrLog.Dropped(_logger, datagram.Source, "Map-Request for a non-IP, non-MAC EID");
            return;
        }

        if (!_database.TryLookup(eid, out var matched, out var mapping))
        {
            // An ETR speaks only for its own EID-Prefixes: its Map-Reply is the authoritative answer
            // (A bit, RFC 9301 §5.4) for the site's mappings, and a negative answer about anyone else's
            // space is the mapping system's to give (§8.3), not a site's. Drop, do not guess.
            Counters.RequestNotOurs();
            EtrLog.RequestNotOurs(_logger, datagram.Source, eid);
            return;
        }

        var now = _time.GetUtcNow();
        if (request.Probe)
        {
            AnswerProbe(datagram, request, ecm, mapping, matched, now);
            return;
        }

        var replyTo = MapReplyDestination.For(request, ecm, datagram.Source);
        Send(replyTo, new MapReply(request.Nonce, new[] { mapping.Record }));
        Counters.RequestAnswered();
        EtrLog.ReplySent(_logger, matched, replyTo, false);
        RememberRequester(matched, replyTo.Address, now);
        CompleteSmrs(matched, request, replyTo.Address);
    }

    /// <summary>
    /// RFC 9301 §6.3.2: an RLOC-probe is answered with a Map-Reply with P set, the probe's nonce, and
    /// the mapping with its locators, the one the probe was sent to marked probed (p); it goes back to
    /// the probe's source address and port, the RLOC being tested from the other side.
    /// </summary>
    private void AnswerProbe(in InboundDatagram datagram, MapRequest request, EncapsulatedControlMessage? ecm, EtrLocalMapping mapping, EidPrefix matched, DateTimeOffset now)
    {
        var probed = ecm?.InnerDestination ?? datagram.Local.Address;
        var replyTo = ecm is null
            ? datagram.Source
            : new IPEndPoint(ecm.InnerSource, ecm.InnerSourcePort == 0 ? LispPorts.ControlPlane : ecm.InnerSourcePort);
        Send(replyTo, new MapReply(request.Nonce, new[] { mapping.ProbeRecord(probed) }) { Probe = true });
        Counters.ProbeAnswered();
        EtrLog.ReplySent(_logger, matched, replyTo, true);

        // The prober holds this mapping in its map-cache: an SMR target when it changes.
        RememberRequester(matched, replyTo.Address, now);
    }

    private void RememberRequester(EidPrefix prefix, IPAddress address, DateTimeOffset now)
    {
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return;
        }

        if (!_requesters.Record(prefix, EtrAddresses.Normalize(address), now))
        {
            Counters.RequesterEvicted();
        }
    }
}
