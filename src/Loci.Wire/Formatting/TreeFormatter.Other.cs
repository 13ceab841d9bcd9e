using System.Text;

namespace Loci.Wire.Formatting;

/// <summary>Info-Request/Reply and ECM in the field tree.</summary>
internal static partial class TreeFormatter
{
    private static void WriteInfo(TreeBuilder tree, InfoMessage info)
    {
        tree.Flag("reply", "R", info.IsReply);
        tree.Line("reserved", Hex32(info.ReservedBits));
        tree.Line("nonce", "0x" + HexText.Hex64(info.Nonce));
        tree.Line("key id", info.KeyId);
        tree.Line("algorithm id", ((int)info.Algorithm).ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + FormatNames.AlgorithmName(info.Algorithm) + ")");
        tree.Line("authentication data length", info.AuthenticationData.Count);
        tree.Line("authentication data", HexText.Bytes(info.AuthenticationData.AsSpan()));
        tree.Line("ttl", info.Ttl.ToString(System.Globalization.CultureInfo.InvariantCulture) + " minutes");
        tree.Line("eid mask-len", info.MaskLength);
        AddressTree.Write(tree, "eid prefix", info.EidPrefix);
        AddressTree.Write(tree, info.IsReply ? "nat-traversal" : "payload", info.Payload);
    }

    private static void WriteEcm(TreeBuilder tree, EncapsulatedControlMessage ecm)
    {
        tree.Open("flags", Hex32(ecm.HeaderWord & 0x0FFF_FFFF));
        tree.Flag("security", "S", ecm.SecurityData is not null);
        tree.Flag("ddt-originated", "D", ecm.DdtOriginated);
        tree.Flag("to-etr", "E", ecm.ToEtr);
        tree.Flag("to-map-server", "M", ecm.ToMapServer);
        tree.Line("reserved", Hex32(ecm.ReservedBits));
        tree.Close();
        if (ecm.SecurityData is { } security)
        {
            tree.Line("lisp-sec ecm data", HexText.Bytes(security.AsSpan()));
        }

        tree.Open("inner " + (ecm.IsIPv6 ? "ipv6" : "ipv4"));
        tree.Line("source", ecm.InnerSource.ToString());
        tree.Line("destination", ecm.InnerDestination.ToString());
        tree.Line(ecm.IsIPv6 ? "hop limit" : "ttl", ecm.InnerTtl);
        tree.Line(ecm.IsIPv6 ? "traffic class" : "tos", ecm.InnerTos);
        tree.Close();
        tree.Open("inner udp");
        tree.Line("source port", ecm.InnerSourcePort);
        tree.Line("destination port", ecm.InnerDestinationPort);
        tree.Close();
        Write(tree, ecm.Inner);
    }

    public static void Write(StringBuilder text, LispMessage message, int indent) => Write(new TreeBuilder(text, indent), message);
}
