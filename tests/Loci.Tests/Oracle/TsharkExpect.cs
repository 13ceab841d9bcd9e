using System.Globalization;
using System.Net;
using Loci.Wire;

namespace Loci.Tests.Oracle;

/// <summary>
/// Compares what tshark decoded (its field names, as <c>tshark -G fields</c> lists them for 4.0)
/// with the model Loci wrote. Mismatches are collected, not thrown, so one run reports every
/// packet that disagrees.
/// </summary>
public sealed class TsharkExpect(List<string> failures, string label)
{
    private const string ErrorSeverity = "8388608";
    private const string WarningSeverity = "6291456";

    /// <summary>Malformed markers, error-level expert items, warnings (unless allowed), bad checksums.</summary>
    public void NoDecodingProblems(TsharkNode layers, bool allowUndecodedLcaf = false)
    {
        foreach (var node in layers.AllDescendants())
        {
            if (node.Name == "_ws.malformed" && node.Value is not null)
            {
                Fail($"tshark marks the packet malformed");
            }
            else if (node.Name == "_ws.expert")
            {
                var severity = node.Field("_ws.expert.severity");
                var undecoded = node.Children("lisp.undecoded").Any();
                if (severity == ErrorSeverity || (severity == WarningSeverity && !(allowUndecodedLcaf && undecoded)))
                {
                    Fail($"tshark expert item (severity {severity}): {node.Field("_ws.expert.message")}");
                }
            }
            else if (node.Name is "ip.checksum.status" or "udp.checksum.status" && node.Value != "1")
            {
                Fail($"{node.Name} is {node.Value}, not 1 (good)");
            }
        }
    }

    /// <summary>The top-level layers, e.g. frame, raw, ip, udp, lisp: nothing left over as "data".</summary>
    public void Layers(TsharkNode layers, params string[] expected)
    {
        var names = layers.Items.Select(n => n.Name).ToArray();
        if (!names.SequenceEqual(expected))
        {
            Fail($"layers are [{string.Join(", ", names)}], expected [{string.Join(", ", expected)}]");
        }
    }

    public void Message(TsharkNode layers, LispMessage message, byte[] bytes)
    {
        var lisp = layers.Children("lisp").ToList();
        if (lisp.Count == 0)
        {
            Fail("no lisp layer");
            return;
        }

        MessageBody(lisp[0], message, bytes);
        if (message is EncapsulatedControlMessage ecm)
        {
            var ip = layers.Items.Where(n => n.Name is "ip" or "ipv6").ToList();
            var udp = layers.Children("udp").ToList();
            if (lisp.Count < 2 || ip.Count < 2 || udp.Count < 2)
            {
                Fail("ECM inner ip/udp/lisp layers missing");
                return;
            }

            var inner = ip[1];
            var prefix = inner.Name == "ip" ? "ip" : "ipv6";
            Address(inner.Field(prefix + ".src"), ecm.InnerSource, "ECM inner source");
            Address(inner.Field(prefix + ".dst"), ecm.InnerDestination, "ECM inner destination");
            Equal(udp[1], "udp.srcport", ecm.InnerSourcePort);
            Equal(udp[1], "udp.dstport", ecm.InnerDestinationPort);
            MessageBody(lisp[1], ecm.Inner, ecm.Inner.ToArray());
        }
    }

    private void MessageBody(TsharkNode lisp, LispMessage message, byte[] bytes)
    {
        Equal(lisp, "lisp.type", (int)message.Type);
        switch (message)
        {
            case MapRequest request:
                MapRequest(lisp, request);
                break;
            case MapReply reply:
                Nonce(lisp, reply.Nonce);
                Flag(lisp, "lisp.mrep.flags.probe", reply.Probe);
                Flag(lisp, "lisp.mrep.flags.enlr", reply.EchoNonceCapable);
                Flag(lisp, "lisp.mrep.flags.sec", reply.SecurityData is not null);
                Equal(lisp, "lisp.mrep.res", 0);
                Records(lisp, reply.Records);
                break;
            case MapRegister register:
                Flag(lisp, "lisp.mreg.flags.pmr", register.ProxyReply);
                Flag(lisp, "lisp.mreg.flags.sec", register.SecurityCapable);
                Flag(lisp, "lisp.mreg.flags.xtrid", register.XtrId is not null);
                Flag(lisp, "lisp.mreg.flags.rtr", false);
                Flag(lisp, "lisp.mreg.flags.wmn", register.WantMapNotify);
                Equal(lisp, "lisp.mreg.res", 0);
                Authenticated(lisp, register, bytes);
                break;
            case MapNotify notify:
                Flag(lisp, "lisp.mnot.flags.xtrid", notify.XtrId is not null);
                Flag(lisp, "lisp.mnot.flags.rtr", false);
                Equal(lisp, "lisp.mnot.res", 0);
                Authenticated(lisp, notify, bytes);
                break;
            case MapReferral referral:
                Nonce(lisp, referral.Nonce);
                Equal(lisp, "lisp.mref.res", 0);
                Equal(lisp, "lisp.records", referral.Records.Count);
                Referrals(lisp, referral.Records);
                break;
            case InfoMessage info:
                Info(lisp, info);
                break;
            case EncapsulatedControlMessage ecm:
                Flag(lisp, "lisp.ecm.flags.sec", ecm.SecurityData is not null);
                Flag(lisp, "lisp.ecm.flags.ddt", ecm.DdtOriginated);
                // Wireshark 4.0 counts E and M (RFC 9301) among the reserved bits (PROTOCOL.md §3.7).
                Equal(lisp, "lisp.ecm.res", ecm.HeaderWord & 0x03FF_FFFF);
                break;
            default:
                Fail($"no tshark expectation for {message.Type}");
                break;
        }
    }

    public void Data(TsharkNode layers, LispDataHeader header, byte[] inner)
    {
        var data = layers.Children("lisp-data").FirstOrDefault();
        if (data is null)
        {
            Fail("no lisp-data layer");
            return;
        }

        Flag(data, "lisp-data.flags.nonce", header.NoncePresent);
        Flag(data, "lisp-data.flags.lsb", header.LocatorStatusBitsValid);
        Flag(data, "lisp-data.flags.enr", header.EchoNonceRequest);
        Flag(data, "lisp-data.flags.mv", header.MapVersionPresent);
        Flag(data, "lisp-data.flags.iid", header.InstanceIdPresent);
        if (header.NoncePresent)
        {
            Equal(data, "lisp-data.nonce", header.Nonce);
        }

        if (header.MapVersionPresent)
        {
            Equal(data, "lisp-data.srcmapver", header.SourceMapVersion);
            Equal(data, "lisp-data.dstmapver", header.DestinationMapVersion);
        }

        if (header.InstanceIdPresent)
        {
            Equal(data, "lisp-data.iid", header.InstanceId);
        }

        if (header.LocatorStatusBitsValid)
        {
            Equal(data, header.InstanceIdPresent ? "lisp-data.lsb8" : "lisp-data.lsb", header.LocatorStatusBits);
        }

        var ip = layers.Children("ip").ToList();
        if (ip.Count < 2)
        {
            Fail("inner IPv4 packet not decoded");
            return;
        }

        Address(ip[1].Field("ip.src"), new IPAddress(inner.AsSpan(12, 4)), "inner source");
        Address(ip[1].Field("ip.dst"), new IPAddress(inner.AsSpan(16, 4)), "inner destination");
    }

    private void MapRequest(TsharkNode lisp, MapRequest request)
    {
        Nonce(lisp, request.Nonce);
        Flag(lisp, "lisp.mreq.flags.auth", request.Authoritative);
        Flag(lisp, "lisp.mreq.flags.mrp", request.MapReplyRecord is not null);
        Flag(lisp, "lisp.mreq.flags.probe", request.Probe);
        Flag(lisp, "lisp.mreq.flags.smr", request.SolicitMapRequest);
        Flag(lisp, "lisp.mreq.flags.pitr", request.ProxyItr);
        Flag(lisp, "lisp.mreq.flags.smri", request.SmrInvoked);
        // Wireshark 4.0 shows header bits 10-18 (RFC 9301 L, D, the pub/sub I bit) as one reserved field.
        Equal(lisp, "lisp.mreq.res", (request.HeaderWord >> 8 & 0x3FE0) >> 5);
        Equal(lisp, "lisp.irc", request.ItrRlocs.Count - 1);
        Equal(lisp, "lisp.records", request.Records.Count);
        Equal(lisp, "lisp.mreq.srceid.afi", (int)request.SourceEid.Afi);
        Address(lisp, request.SourceEid, "lisp.mreq.srceid");
        var itrRlocs = lisp.Children("lisp.mreq.itr_rloc").ToList();
        Count(itrRlocs, request.ItrRlocs.Count, "ITR-RLOCs");
        for (var i = 0; i < Math.Min(itrRlocs.Count, request.ItrRlocs.Count); i++)
        {
            Equal(itrRlocs[i], "lisp.mreq.itr_rloc.afi", (int)request.ItrRlocs[i].Afi);
            Address(itrRlocs[i], request.ItrRlocs[i], "lisp.mreq.itr_rloc");
        }

        var records = lisp.Children("lisp.mreq.record").ToList();
        Count(records, request.Records.Count, "Map-Request records");
        for (var i = 0; i < Math.Min(records.Count, request.Records.Count); i++)
        {
            var record = request.Records[i];
            Equal(records[i], "lisp.mreq.record.prefix.length", record.MaskLength);
            Equal(records[i], "lisp.mreq.record.prefix.afi", (int)record.EidPrefix.Afi);
            Address(records[i], record.EidPrefix, "lisp.mreq.record.prefix");
        }

        var mapReply = lisp.Children("lisp.mrep.record").ToList();
        Count(mapReply, request.MapReplyRecord is null ? 0 : 1, "Map-Reply records");
        if (request.MapReplyRecord is { } own && mapReply.Count == 1)
        {
            Records(mapReply[0], [own]);
        }
    }

    private void Authenticated(TsharkNode lisp, AuthenticatedMessage message, byte[] bytes)
    {
        Nonce(lisp, message.Nonce);
        Equal(lisp, "lisp.records", message.Records.Count);
        var keyField = bytes.AsSpan(AuthenticatedMessage.KeyIdOffset, 2);
        Equal(lisp, "lisp.keyid", (keyField[0] << 8) | keyField[1]);
        var authLength = (bytes[AuthenticatedMessage.AuthLengthOffset] << 8) | bytes[AuthenticatedMessage.AuthLengthOffset + 1];
        Equal(lisp, "lisp.authlen", authLength);
        Text(lisp, "lisp.auth", Colon(bytes.AsSpan(AuthenticatedMessage.AuthDataOffset, authLength)));
        Records(lisp, message.Records);
        if (message.XtrId is { } xtrId)
        {
            Span<byte> id = stackalloc byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(id, xtrId);
            Text(lisp, "lisp.xtrid", Colon(id));
            Span<byte> site = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(site, message.SiteId ?? 0);
            Text(lisp, "lisp.siteid", Colon(site));
        }
    }

    private void Info(TsharkNode lisp, InfoMessage info)
    {
        Flag(lisp, "lisp.info.r", info.IsReply);
        Nonce(lisp, info.Nonce);
        Equal(lisp, "lisp.keyid", (info.KeyId << 8) | (int)info.Algorithm);
        Equal(lisp, "lisp.authlen", info.AuthenticationData.Count);
        Equal(lisp, "lisp.info.ttl", info.Ttl);
        var prefix = lisp.Descendants("lisp.info.prefix.masklen").FirstOrDefault();
        var prefixNode = lisp.Items.FirstOrDefault(n => n.Children("lisp.info.prefix.masklen").Any());
        if (prefix is null || prefixNode is null)
        {
            Fail("Info EID prefix not decoded");
        }
        else
        {
            Equal(prefixNode, "lisp.info.prefix.masklen", info.MaskLength);
            Equal(prefixNode, "lisp.info.prefix.afi", (int)info.EidPrefix.Afi);
            Address(prefixNode, info.EidPrefix, "lisp.info.prefix");
        }

        Equal(lisp, "lisp.info.afi", (int)info.Payload.Afi);
        if (info.Payload is LcafAddress lcaf)
        {
            Lcaf(lisp.Children("lisp.lcaf").FirstOrDefault(), lcaf);
        }
    }

    private void Records(TsharkNode parent, IReadOnlyList<EidRecord> expected)
    {
        var mappings = parent.Children("lisp.mapping").ToList();
        Count(mappings, expected.Count, "EID records");
        for (var i = 0; i < Math.Min(mappings.Count, expected.Count); i++)
        {
            var node = mappings[i];
            var record = expected[i];
            Equal(node, "lisp.mapping.ttl", record.Ttl);
            Equal(node, "lisp.mapping.loccnt", record.Locators.Count);
            Equal(node, "lisp.mapping.eid.masklen", record.MaskLength);
            Equal(node, "lisp.mapping.act", (int)record.Action);
            Flag(node, "lisp.mapping.auth", record.Authoritative);
            Equal(node, "lisp.mapping.ver", record.MapVersion);
            Equal(node, "lisp.mapping.eid.afi", (int)record.EidPrefix.Afi);
            Address(node, record.EidPrefix, "lisp.mapping.eid");
            Locators(node, record.Locators);
        }
    }

    private void Referrals(TsharkNode parent, IReadOnlyList<ReferralRecord> expected)
    {
        var mappings = parent.Children("lisp.mapping").ToList();
        Count(mappings, expected.Count, "referral records");
        for (var i = 0; i < Math.Min(mappings.Count, expected.Count); i++)
        {
            var node = mappings[i];
            var record = expected[i];
            Equal(node, "lisp.mapping.ttl", record.Ttl);
            Equal(node, "lisp.mapping.loccnt", record.Referrals.Count);
            Equal(node, "lisp.mapping.eid.masklen", record.MaskLength);
            Equal(node, "lisp.mapping.act", (int)record.Action);
            Flag(node, "lisp.mapping.auth", record.Authoritative);
            Flag(node, "lisp.referral.incomplete", record.Incomplete);
            Equal(node, "lisp.referral.sigcnt", record.Signatures.Count);
            Equal(node, "lisp.mapping.ver", record.MapVersion);
            Equal(node, "lisp.mapping.eid.afi", (int)record.EidPrefix.Afi);
            Address(node, record.EidPrefix, "lisp.mapping.eid");
            Locators(node, record.Referrals);
        }
    }

    private void Locators(TsharkNode mapping, IReadOnlyList<LocatorRecord> expected)
    {
        var locators = mapping.Children("lisp.loc").ToList();
        Count(locators, expected.Count, "locators");
        for (var i = 0; i < Math.Min(locators.Count, expected.Count); i++)
        {
            var node = locators[i];
            var locator = expected[i];
            Equal(node, "lisp.loc.priority", locator.Priority);
            Equal(node, "lisp.loc.weight", locator.Weight);
            Equal(node, "lisp.loc.multicast_priority", locator.MulticastPriority);
            Equal(node, "lisp.loc.multicast_weight", locator.MulticastWeight);
            Flag(node, "lisp.loc.flags.local", locator.Local);
            Flag(node, "lisp.loc.flags.probe", locator.Probed);
            Flag(node, "lisp.loc.flags.reach", locator.Reachable);
            Equal(node, "lisp.loc.afi", (int)locator.Rloc.Afi);
            Address(node, locator.Rloc, "lisp.loc.locator");
        }
    }

    /// <summary>
    /// An address decoded inside <paramref name="container"/>: a value field whose name starts with
    /// <paramref name="prefix"/> (tshark spells them <c>x.ipv4</c>, <c>x_ipv6</c>, <c>x.mac</c>,
    /// <c>x.dn</c> or just <c>x</c>), or an LCAF subtree, possibly under a text label.
    /// </summary>
    private void Address(TsharkNode container, LispAddress expected, string prefix)
    {
        switch (expected)
        {
            case NoAddress:
                break;
            case InetAddress inet:
                Address(ValueField(container, prefix, inet.IsIPv4 ? "ipv4" : "ipv6"), inet.Ip, prefix);
                break;
            case MacAddress mac:
                Span<byte> bytes = stackalloc byte[8];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, mac.Value);
                Same(ValueField(container, prefix, "mac"), Colon(bytes[2..]), prefix);
                break;
            case DistinguishedName name:
                Same(ValueField(container, prefix, "dn"), name.Name, prefix);
                break;
            case LcafAddress lcaf:
                var node = container.Children("lisp.lcaf").FirstOrDefault()
                    ?? container.Items.Where(n => n.Name.Contains(' ', StringComparison.Ordinal)).SelectMany(n => n.Children("lisp.lcaf")).FirstOrDefault();
                Lcaf(node, lcaf);
                break;
            default:
                Fail($"no tshark expectation for address {expected}");
                break;
        }
    }

    private void Lcaf(TsharkNode? node, LcafAddress lcaf)
    {
        if (node is null)
        {
            Fail($"LCAF {lcaf.LcafType} not decoded");
            return;
        }

        Equal(node, "lisp.lcaf.type", (int)lcaf.LcafType);
        Equal(node, "lisp.lcaf.length", lcaf.PayloadLength);
        switch (lcaf)
        {
            case AfiListAddress list:
                Nested(node.Children("lisp.lcaf.afi_list.item").ToList(), list.Addresses, "lisp.lcaf.afi_list");
                break;
            case InstanceIdAddress iid:
                Equal(node, "lisp.lcaf.iid", iid.InstanceId);
                Equal(node, "lisp.lcaf.res2", iid.IidMaskLength);
                Address(node, iid.Address, "lisp.lcaf.iid");
                break;
            case AsNumberAddress asn:
                Equal(node, "lisp.lcaf.asn", asn.AsNumber);
                Address(node, asn.Address, "lisp.lcaf.asn");
                break;
            case GeoCoordinatesAddress { Encoding: GeoEncoding.Rfc8060 } geo:
                Flag(node, "lisp.lcaf.geo.lat.hemisphere", geo.North);
                Equal(node, "lisp.lcaf.geo.lat.deg", geo.LatitudeDegrees);
                Equal(node, "lisp.lcaf.geo.lat.min", geo.LatitudeMinutes);
                Equal(node, "lisp.lcaf.geo.lat.sec", geo.LatitudeSeconds);
                Flag(node, "lisp.lcaf.geo.lon.hemisphere", geo.East);
                Equal(node, "lisp.lcaf.geo.lon.deg", geo.LongitudeDegrees);
                Equal(node, "lisp.lcaf.geo.lon.min", geo.LongitudeMinutes);
                Equal(node, "lisp.lcaf.geo.lon.sec", geo.LongitudeSeconds);
                Address(node, geo.Address, "lisp.lcaf.geo");
                break;
            case NatTraversalAddress nat:
                Equal(node, "lisp.lcaf.natt.msport", nat.MsUdpPort);
                Equal(node, "lisp.lcaf.natt.etrport", nat.EtrUdpPort);
                Nested(node.Children("lisp.lcaf.natt.rloc").ToList(), [nat.GlobalEtrRloc, nat.MsRloc, nat.PrivateEtrRloc, .. nat.RtrRlocs], "lisp.lcaf.natt.rloc");
                break;
            case MulticastInfoAddress multicast:
                Flag(node, "lisp.lcaf.mcinfo.flags.rp", multicast.Rp);
                Flag(node, "lisp.lcaf.mcinfo.flags.leave", multicast.Leave);
                Flag(node, "lisp.lcaf_mcinfo.flags.join", multicast.Join);
                Equal(node, "lisp.lcaf.mcinfo_iid", multicast.InstanceId);
                Equal(node, "lisp.lcaf.mcinfo.src.masklen", multicast.SourceMaskLength);
                Equal(node, "lisp.lcaf.mcinfo.grp.masklen", multicast.GroupMaskLength);
                Nested(node.Children("lisp.lcaf.mcinfo.src").ToList(), [multicast.Source], "lisp.lcaf.mcinfo.src");
                Nested(node.Children("lisp.lcaf.mcinfo.grp").ToList(), [multicast.Group], "lisp.lcaf.mcinfo.grp");
                break;
            case ExplicitLocatorPathAddress elp:
                var hops = node.Children("lisp.lcaf.elp_hop").ToList();
                Count(hops, elp.Hops.Count, "ELP hops");
                for (var i = 0; i < Math.Min(hops.Count, elp.Hops.Count); i++)
                {
                    Flag(hops[i], "lisp.lcaf.elp_hop.flags.local", elp.Hops[i].Lookup);
                    Flag(hops[i], "lisp.lcaf.elp_hop.flags.probe", elp.Hops[i].RlocProbe);
                    Flag(hops[i], "lisp.lcaf_elp_hop.flags.strict", elp.Hops[i].Strict);
                    Address(hops[i], elp.Hops[i].Address, "lisp.lcaf.elp_hop");
                }

                break;
            case SourceDestAddress sourceDest:
                Equal(node, "lisp.lcaf.srcdst.src.masklen", sourceDest.SourceMaskLength);
                Equal(node, "lisp.lcaf.srcdst.dst.masklen", sourceDest.DestMaskLength);
                Nested(node.Children("lisp.lcaf.srcdst.src").ToList(), [sourceDest.Source], "lisp.lcaf.srcdst.src");
                Nested(node.Children("lisp.lcaf.srcdst.dst").ToList(), [sourceDest.Destination], "lisp.lcaf.srcdst.dst");
                break;
            case ReplicationListAddress rle:
                var entries = node.Children("lisp.lcaf.rle_entry").ToList();
                Count(entries, rle.Entries.Count, "RLE entries");
                for (var i = 0; i < Math.Min(entries.Count, rle.Entries.Count); i++)
                {
                    Equal(entries[i], "lisp.lcaf.rle_entry.level", rle.Entries[i].Level);
                    Address(entries[i], rle.Entries[i].Address, "lisp.lcaf.rle_entry");
                }

                break;
            case KeyValueAddress keyValue:
                Nested(node.Children("lisp.lcaf.kv_key").ToList(), [keyValue.Key], "lisp.lcaf.kv_key");
                Nested(node.Children("lisp.lcaf.kv_value").ToList(), [keyValue.Value], "lisp.lcaf.kv_value");
                break;
            default:
                // Types tshark 4.0 does not dissect: the header (type, length) is all it checks.
                break;
        }
    }

    private void Nested(List<TsharkNode> nodes, IReadOnlyList<LispAddress> expected, string prefix)
    {
        Count(nodes, expected.Count, prefix);
        for (var i = 0; i < Math.Min(nodes.Count, expected.Count); i++)
        {
            Equal(nodes[i], prefix + ".afi", (int)expected[i].Afi);
            Address(nodes[i], expected[i], prefix);
        }
    }

    private static string? ValueField(TsharkNode container, string prefix, string kind) =>
        container.Items.FirstOrDefault(n => n.Value is not null
            && n.Name.StartsWith(prefix, StringComparison.Ordinal)
            && (n.Name == prefix + "." + kind || n.Name == prefix + "_" + kind || (n.Name == prefix && prefix == "lisp.loc.locator")))?.Value;

    private void Address(string? actual, IPAddress expected, string what)
    {
        if (actual is null || !IPAddress.TryParse(actual, out var parsed) || !parsed.Equals(expected))
        {
            Fail($"{what}: tshark shows '{actual}', Loci wrote {expected}");
        }
    }

    private void Nonce(TsharkNode lisp, ulong nonce) =>
        Text(lisp, "lisp.nonce", "0x" + nonce.ToString("x16", CultureInfo.InvariantCulture));

    private void Flag(TsharkNode node, string field, bool expected) => Equal(node, field, expected ? 1 : 0);

    private void Count(List<TsharkNode> nodes, int expected, string what)
    {
        if (nodes.Count != expected)
        {
            Fail($"{what}: tshark decoded {nodes.Count}, Loci wrote {expected}");
        }
    }

    private void Equal(TsharkNode node, string field, long expected)
    {
        var value = node.Descendants(field).FirstOrDefault()?.Value;
        var parsed = TsharkNode.ParseNumber(value);
        if (parsed is null || (long)parsed.Value != expected)
        {
            Fail($"{field}: tshark shows '{value}', Loci wrote {expected}");
        }
    }

    private void Text(TsharkNode node, string field, string expected) =>
        Same(node.Descendants(field).FirstOrDefault()?.Value, expected, field);

    private void Same(string? actual, string expected, string what)
    {
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            Fail($"{what}: tshark shows '{actual}', Loci wrote '{expected}'");
        }
    }

    private static string Colon(ReadOnlySpan<byte> bytes) =>
        string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private void Fail(string message) => failures.Add($"[{label}] {message}");
}
