using System.Globalization;

namespace Loci.Wire.Formatting;

/// <summary>
/// The verbose field tree (tcpdump -v / Wireshark style): every header flag by its RFC name and
/// letter, the authentication fields, every record and locator field, LCAF contents.
/// </summary>
internal static partial class TreeFormatter
{
    public static void Write(TreeBuilder tree, LispMessage message)
    {
        tree.Open(FormatNames.TypeName(message), TypeLabel(message));
        switch (message)
        {
            case MapRequest request:
                WriteRequest(tree, request);
                break;
            case MapReply reply:
                tree.Open("flags", Hex32(reply.HeaderWord & 0x0FFF_FF00));
                tree.Flag("probe", "P", reply.Probe);
                tree.Flag("echo-nonce-capable", "E", reply.EchoNonceCapable);
                tree.Flag("security", "S", reply.SecurityData is not null);
                tree.Line("reserved", Hex32(reply.ReservedBits));
                tree.Close();
                tree.Line("record count", reply.Records.Count);
                tree.Line("nonce", "0x" + HexText.Hex64(reply.Nonce));
                WriteRecords(tree, reply.Records);
                if (reply.SecurityData is { } security)
                {
                    tree.Line("lisp-sec data", HexText.Bytes(security.AsSpan()));
                }

                break;
            case MapRegister register:
                tree.Open("flags", Hex32(register.HeaderWord & 0x0FFF_FF00));
                tree.Flag("proxy-reply", "P", register.ProxyReply);
                tree.Flag("security", "S", register.SecurityCapable);
                tree.Flag("xtr-id-present", "I", register.XtrId is not null);
                tree.Flag("eid-notify", "E", register.EidNotify);
                tree.Flag("use-ttl", "T", register.UseTtl);
                tree.Flag("merge", "a", register.Merge);
                tree.Flag("want-map-notify", "M", register.WantMapNotify);
                tree.Line("reserved", Hex32(register.ReservedBits));
                tree.Close();
                WriteAuthenticated(tree, register);
                break;
            case MapNotify notify:
                tree.Open("flags", Hex32(notify.HeaderWord & 0x0FFF_FF00));
                tree.Flag("xtr-id-present", "I", notify.XtrId is not null);
                tree.Flag("rtr", "R", (notify.ReservedBits & FlagBits.MapNotifyRtr) != 0);
                tree.Line("reserved", Hex32(notify.ReservedBits & ~FlagBits.MapNotifyRtr));
                tree.Close();
                WriteAuthenticated(tree, notify);
                WriteExtra(tree, notify.Extra);
                break;
            case MapNotifyAck ack:
                tree.Line("reserved", Hex32(ack.ReservedBits));
                WriteAuthenticated(tree, ack);
                WriteExtra(tree, ack.Extra);
                break;
            case MapReferral referral:
                tree.Line("reserved", Hex32(referral.ReservedBits));
                tree.Line("record count", referral.Records.Count);
                tree.Line("nonce", "0x" + HexText.Hex64(referral.Nonce));
                WriteReferrals(tree, referral.Records);
                break;
            case InfoMessage info:
                WriteInfo(tree, info);
                break;
            case EncapsulatedControlMessage ecm:
                WriteEcm(tree, ecm);
                break;
            case SharedExtensionMessage extension:
                tree.Line("sub-type", extension.SubType);
                tree.Line("body length", extension.Body.Count);
                tree.Line("body", HexText.Bytes(extension.Body.AsSpan()));
                break;
            default:
                break;
        }

        tree.Close();
    }

    private static string TypeLabel(LispMessage message) =>
        ((int)message.Type).ToString(CultureInfo.InvariantCulture) + " (" + message.Type switch
        {
            MessageType.MapRequest => "Map-Request, RFC 9301 §5.2",
            MessageType.MapReply => "Map-Reply, RFC 9301 §5.4",
            MessageType.MapRegister => "Map-Register, RFC 9301 §5.6",
            MessageType.MapNotify => "Map-Notify, RFC 9301 §5.7",
            MessageType.MapNotifyAck => "Map-Notify-Ack, RFC 9301 §5.7",
            MessageType.MapReferral => "Map-Referral, RFC 8111 §6.4",
            MessageType.Info => message is InfoMessage { IsReply: true } ? "Info-Reply, NAT traversal" : "Info-Request, NAT traversal",
            MessageType.EncapsulatedControlMessage => "Encapsulated Control Message, RFC 9301 §5.8",
            MessageType.SharedExtension => "Shared Extension Message, RFC 9304",
            _ => "unknown",
        } + ")";

    private static void WriteRequest(TreeBuilder tree, MapRequest request)
    {
        tree.Open("flags", Hex32(request.HeaderWord & 0x0FFF_E000));
        tree.Flag("authoritative", "A", request.Authoritative);
        tree.Flag("map-data-present", "M", request.MapReplyRecord is not null);
        tree.Flag("probe", "P", request.Probe);
        tree.Flag("smr", "S", request.SolicitMapRequest);
        tree.Flag("pitr", "p", request.ProxyItr);
        tree.Flag("smr-invoked", "s", request.SmrInvoked);
        tree.Flag("xtr-id-present", "I", request.XtrId is not null);
        tree.Flag("local-xtr", "L", request.LocalXtr);
        tree.Flag("dont-map-reply", "D", request.DontMapReply);
        tree.Line("reserved", Hex32(request.ReservedBits));
        tree.Close();
        tree.Line("itr-rloc count (IRC)", request.ItrRlocs.Count - 1);
        tree.Line("record count", request.Records.Count);
        tree.Line("nonce", "0x" + HexText.Hex64(request.Nonce));
        AddressTree.Write(tree, "source eid", request.SourceEid);
        for (var i = 0; i < request.ItrRlocs.Count; i++)
        {
            AddressTree.Write(tree, "itr-rloc " + (i + 1).ToString(CultureInfo.InvariantCulture), request.ItrRlocs[i]);
        }

        for (var i = 0; i < request.Records.Count; i++)
        {
            var record = request.Records[i];
            tree.Open("record " + (i + 1).ToString(CultureInfo.InvariantCulture), record.Prefix);
            tree.Flag("notify", "N", record.Notify);
            tree.Line("reserved", Hex32(record.ReservedBits));
            tree.Line("eid mask-len", record.MaskLength);
            AddressTree.Write(tree, "eid prefix", record.EidPrefix);
            tree.Close();
        }

        if (request.MapReplyRecord is { } mapping)
        {
            WriteRecord(tree, "map-reply record", mapping);
        }

        WriteXtrId(tree, request.XtrId, request.SiteId);
    }

    private static void WriteAuthenticated(TreeBuilder tree, AuthenticatedMessage message)
    {
        tree.Line("record count", message.Records.Count);
        tree.Line("nonce", "0x" + HexText.Hex64(message.Nonce));
        tree.Line("key id", message.KeyId);
        tree.Line("algorithm id", ((int)message.Algorithm).ToString(CultureInfo.InvariantCulture) + " (" + FormatNames.AlgorithmName(message.Algorithm) + ")");
        tree.Line("authentication data length", message.AuthenticationData.Count);
        tree.Line("authentication data", HexText.Bytes(message.AuthenticationData.AsSpan()));
        WriteRecords(tree, message.Records);
        WriteXtrId(tree, message.XtrId, message.SiteId);
    }

    private static void WriteExtra(TreeBuilder tree, EquatableArray<byte> extra)
    {
        if (!extra.IsEmpty)
        {
            // PROTOCOL.md pitfall 25: bytes no flag announces (e.g. an xTR-ID without the I bit).
            tree.Line("unannounced trailing bytes", HexText.Bytes(extra.AsSpan()));
        }
    }

    private static void WriteXtrId(TreeBuilder tree, UInt128? xtrId, ulong? siteId)
    {
        if (xtrId is { } id)
        {
            tree.Line("xtr-id", HexText.Hex128(id));
        }

        if (siteId is { } site)
        {
            tree.Line("site-id", HexText.Hex64(site));
        }
    }

    internal static string Hex32(uint value) => "0x" + value.ToString("x8", CultureInfo.InvariantCulture);
}
