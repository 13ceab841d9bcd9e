using System.Globalization;

namespace Loci.Wire.Formatting;

/// <summary>An address in the field tree: its text, AFI, and for an LCAF (RFC 8060) its type and contents.</summary>
internal static class AddressTree
{
    public static void Write(TreeBuilder tree, string label, LispAddress address)
    {
        var afi = ((int)address.Afi).ToString(CultureInfo.InvariantCulture) + " " + FormatNames.AfiName(address.Afi);
        if (address is not LcafAddress lcaf)
        {
            tree.Line(label, address.Format() + " (afi " + afi + ")");
            return;
        }

        tree.Open(label, address.Format() + " (afi " + afi + ")");
        tree.Line("lcaf type", ((int)lcaf.LcafType).ToString(CultureInfo.InvariantCulture) + " (" + FormatNames.LcafTypeName(lcaf.LcafType) + ")");
        tree.Line("lcaf length", lcaf.PayloadLength);
        WriteContents(tree, lcaf);
        tree.Close();
    }

    private static void WriteContents(TreeBuilder tree, LcafAddress lcaf)
    {
        switch (lcaf)
        {
            case InstanceIdAddress iid:
                tree.Line("instance id", iid.InstanceId);
                tree.Line("iid mask-len", iid.IidMaskLength);
                Write(tree, "address", iid.Address);
                break;
            case AfiListAddress list:
                for (var i = 0; i < list.Addresses.Count; i++)
                {
                    Write(tree, "address " + (i + 1).ToString(CultureInfo.InvariantCulture), list.Addresses[i]);
                }

                break;
            case AsNumberAddress asn:
                tree.Line("as number", asn.AsNumber);
                Write(tree, "address", asn.Address);
                break;
            case SourceDestAddress sd:
                tree.Line("source mask-len", sd.SourceMaskLength);
                tree.Line("destination mask-len", sd.DestMaskLength);
                Write(tree, "source", sd.Source);
                Write(tree, "destination", sd.Destination);
                break;
            case NatTraversalAddress nat:
                tree.Line("ms udp port", nat.MsUdpPort);
                tree.Line("etr udp port", nat.EtrUdpPort);
                Write(tree, "global etr rloc", nat.GlobalEtrRloc);
                Write(tree, "ms rloc", nat.MsRloc);
                Write(tree, "private etr rloc", nat.PrivateEtrRloc);
                for (var i = 0; i < nat.RtrRlocs.Count; i++)
                {
                    Write(tree, "rtr rloc " + (i + 1).ToString(CultureInfo.InvariantCulture), nat.RtrRlocs[i]);
                }

                break;
            case MulticastInfoAddress mc:
                tree.Line("instance id", mc.InstanceId);
                tree.Flag("rp", "R", mc.Rp);
                tree.Flag("leave", "L", mc.Leave);
                tree.Flag("join", "J", mc.Join);
                tree.Line("source mask-len", mc.SourceMaskLength);
                tree.Line("group mask-len", mc.GroupMaskLength);
                Write(tree, "source", mc.Source);
                Write(tree, "group", mc.Group);
                break;
            case ExplicitLocatorPathAddress elp:
                for (var i = 0; i < elp.Hops.Count; i++)
                {
                    var hop = elp.Hops[i];
                    tree.Open("hop " + (i + 1).ToString(CultureInfo.InvariantCulture), hop.Format());
                    tree.Flag("lookup", "L", hop.Lookup);
                    tree.Flag("rloc-probe", "P", hop.RlocProbe);
                    tree.Flag("strict", "S", hop.Strict);
                    Write(tree, "address", hop.Address);
                    tree.Close();
                }

                break;
            case ReplicationListAddress rle:
                for (var i = 0; i < rle.Entries.Count; i++)
                {
                    var entry = rle.Entries[i];
                    tree.Open("entry " + (i + 1).ToString(CultureInfo.InvariantCulture));
                    tree.Line("level", entry.Level);
                    Write(tree, "address", entry.Address);
                    tree.Close();
                }

                break;
            case NonceLocatorAddress nonce:
                tree.Line("nonce", "0x" + nonce.Nonce.ToString("x6", CultureInfo.InvariantCulture));
                Write(tree, "address", nonce.Address);
                break;
            case KeyValueAddress kv:
                Write(tree, "key", kv.Key);
                Write(tree, "value", kv.Value);
                break;
            case ApplicationDataAddress app:
                tree.Line("tos/tc/flow label", "0x" + app.TosTcFlowLabel.ToString("x6", CultureInfo.InvariantCulture));
                tree.Line("protocol", app.Protocol);
                tree.Line("local ports", app.LocalPortLow.ToString(CultureInfo.InvariantCulture) + "-" + app.LocalPortHigh.ToString(CultureInfo.InvariantCulture));
                tree.Line("remote ports", app.RemotePortLow.ToString(CultureInfo.InvariantCulture) + "-" + app.RemotePortHigh.ToString(CultureInfo.InvariantCulture));
                Write(tree, "address", app.Address);
                break;
            case SecurityKeyAddress key:
                tree.Line("key algorithm", key.KeyAlgorithm);
                tree.Flag("revoke", "R", key.Revoke);
                for (var i = 0; i < key.Keys.Count; i++)
                {
                    tree.Line("key " + (i + 1).ToString(CultureInfo.InvariantCulture), HexText.Bytes(key.Keys[i].AsSpan()));
                }

                Write(tree, "address", key.Address);
                break;
            case JsonDataModelAddress json:
                tree.Flag("binary", "B", json.Binary);
                tree.Line("json", json.Binary ? HexText.Bytes(json.JsonBytes.AsSpan()) : json.Json);
                Write(tree, "address", json.Address);
                break;
            case GeoCoordinatesAddress geo:
                tree.Line("encoding", geo.Encoding.ToString());
                Write(tree, "address", geo.Address);
                break;
            case EncapsulationFormatAddress encap:
                tree.Line("formats", "0x" + encap.Flags.ToString("x8", CultureInfo.InvariantCulture));
                if (encap.Address is { } inner)
                {
                    Write(tree, "address", inner);
                }

                break;
            case UnknownLcafAddress unknown:
                tree.Line("rsvd1/flags", "0x" + unknown.RawRsvd1AndFlags.ToString("x4", CultureInfo.InvariantCulture));
                tree.Line("rsvd2", "0x" + unknown.RawRsvd2.ToString("x2", CultureInfo.InvariantCulture));
                tree.Line("payload", HexText.Bytes(unknown.Payload.AsSpan()));
                break;
            default:
                break;
        }
    }
}
