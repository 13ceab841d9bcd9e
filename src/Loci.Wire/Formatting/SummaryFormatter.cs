using System.Globalization;
using System.Text;

namespace Loci.Wire.Formatting;

/// <summary>
/// One lig-style line per message: type, nonce, the set header flags by their RFC letters, then the
/// records. Kept to one line so logs and `loci decode` can print a message per line.
/// </summary>
internal static partial class SummaryFormatter
{
    public static void Append(StringBuilder text, LispMessage message)
    {
        text.Append(FormatNames.TypeName(message));
        switch (message)
        {
            case MapRequest request:
                AppendRequest(text, request);
                break;
            case MapReply reply:
                AppendNonce(text, reply.Nonce);
                Flag(text, reply.Probe, "P");
                Flag(text, reply.EchoNonceCapable, "E");
                Flag(text, reply.SecurityData is not null, "S");
                AppendRecords(text, reply.Records);
                break;
            case MapRegister register:
                AppendNonce(text, register.Nonce);
                Flag(text, register.ProxyReply, "P");
                Flag(text, register.SecurityCapable, "S");
                Flag(text, register.XtrId is not null, "I");
                Flag(text, register.EidNotify, "E");
                Flag(text, register.UseTtl, "T");
                Flag(text, register.Merge, "a");
                Flag(text, register.WantMapNotify, "M");
                AppendAuthenticated(text, register);
                break;
            case MapNotify notify:
                AppendNonce(text, notify.Nonce);
                Flag(text, notify.XtrId is not null, "I");
                Flag(text, (notify.ReservedBits & FlagBits.MapNotifyRtr) != 0, "R");
                AppendAuthenticated(text, notify);
                AppendExtra(text, notify.Extra);
                break;
            case MapNotifyAck ack:
                AppendNonce(text, ack.Nonce);
                AppendAuthenticated(text, ack);
                AppendExtra(text, ack.Extra);
                break;
            case MapReferral referral:
                AppendNonce(text, referral.Nonce);
                AppendReferrals(text, referral.Records);
                break;
            case InfoMessage info:
                AppendNonce(text, info.Nonce);
                text.Append(" eid ").Append(PrefixText(info.EidPrefix, info.MaskLength));
                text.Append(" ttl ").Append(info.Ttl.ToString(CultureInfo.InvariantCulture));
                if (info.Payload is not NoAddress)
                {
                    text.Append(' ').Append(info.Payload.Format());
                }

                break;
            case EncapsulatedControlMessage ecm:
                AppendEcm(text, ecm);
                break;
            case SharedExtensionMessage extension:
                text.Append(" sub-type ").Append(extension.SubType.ToString(CultureInfo.InvariantCulture))
                    .Append(' ').Append(extension.Body.Count.ToString(CultureInfo.InvariantCulture)).Append(" bytes");
                break;
            default:
                break;
        }
    }

    private static void AppendRequest(StringBuilder text, MapRequest request)
    {
        AppendNonce(text, request.Nonce);
        Flag(text, request.Authoritative, "A");
        Flag(text, request.MapReplyRecord is not null, "M");
        Flag(text, request.Probe, "P");
        Flag(text, request.SolicitMapRequest, "S");
        Flag(text, request.ProxyItr, "p");
        Flag(text, request.SmrInvoked, "s");
        Flag(text, request.XtrId is not null, "I");
        Flag(text, request.LocalXtr, "L");
        Flag(text, request.DontMapReply, "D");
        if (request.SourceEid is not NoAddress)
        {
            text.Append(" source-eid ").Append(request.SourceEid.Format());
        }

        text.Append(" itr-rlocs ");
        for (var i = 0; i < request.ItrRlocs.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(request.ItrRlocs[i].Format());
        }

        foreach (var record in request.Records)
        {
            text.Append(" eid ").Append(record.Prefix);
            Flag(text, record.Notify, "N");
        }

        if (request.MapReplyRecord is { } mapping)
        {
            text.Append(" map-reply-record ");
            AppendRecord(text, mapping);
        }

        AppendXtrId(text, request.XtrId, request.SiteId);
    }

    private static void AppendAuthenticated(StringBuilder text, AuthenticatedMessage message)
    {
        text.Append(" key-id ").Append(message.KeyId.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(FormatNames.AlgorithmName(message.Algorithm));
        AppendRecords(text, message.Records);
        AppendXtrId(text, message.XtrId, message.SiteId);
    }

    private static void AppendEcm(StringBuilder text, EncapsulatedControlMessage ecm)
    {
        Flag(text, ecm.SecurityData is not null, "S");
        Flag(text, ecm.DdtOriginated, "D");
        Flag(text, ecm.ToEtr, "E");
        Flag(text, ecm.ToMapServer, "M");
        text.Append(' ');
        AppendEndpoint(text, ecm.InnerSource, ecm.InnerSourcePort);
        text.Append(" > ");
        AppendEndpoint(text, ecm.InnerDestination, ecm.InnerDestinationPort);
        text.Append(": ");
        Append(text, ecm.Inner);
    }

    /// <summary>"10.0.0.1:4342" or "[2001:db8::1]:4342".</summary>
    public static void AppendEndpoint(StringBuilder text, System.Net.IPAddress address, int port)
    {
        var v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        text.Append(v6 ? "[" : string.Empty).Append(address.ToString()).Append(v6 ? "]:" : ":")
            .Append(port.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendNonce(StringBuilder text, ulong nonce) => text.Append(" nonce 0x").Append(HexText.Hex64(nonce));

    private static void Flag(StringBuilder text, bool set, string letter)
    {
        if (set)
        {
            text.Append(' ').Append(letter);
        }
    }

    private static void AppendXtrId(StringBuilder text, UInt128? xtrId, ulong? siteId)
    {
        if (xtrId is { } id)
        {
            text.Append(" xtr-id ").Append(HexText.Hex128(id));
        }

        if (siteId is { } site)
        {
            text.Append(" site-id ").Append(HexText.Hex64(site));
        }
    }

    private static void AppendExtra(StringBuilder text, EquatableArray<byte> extra)
    {
        if (!extra.IsEmpty)
        {
            text.Append(" +").Append(extra.Count.ToString(CultureInfo.InvariantCulture)).Append(" unannounced bytes");
        }
    }

    public static string PrefixText(LispAddress address, byte maskLength) =>
        address.AddressBits == 0 && maskLength == 0 ? address.Format() : address.Format() + "/" + maskLength.ToString(CultureInfo.InvariantCulture);
}
