using System.Text.Json;

namespace Loci.Wire.Formatting;

/// <summary>
/// The JSON form of a message, written property by property with <see cref="Utf8JsonWriter"/> (no
/// reflection). Property names are the contract of issue 2: <c>type</c>, <c>nonce</c> (16 hex
/// digits), <c>flags</c> (booleans named after the RFC), <c>records</c>, <c>itr_rlocs</c>,
/// <c>source_eid</c>, <c>key_id</c>, <c>algorithm_id</c>, <c>auth_length</c>, <c>xtr_id</c>,
/// <c>site_id</c>, <c>inner</c>.
/// </summary>
internal static partial class JsonFormatter
{
    /// <summary>Writes the properties of <paramref name="message"/> into the object the caller has opened.</summary>
    public static void WriteProperties(Utf8JsonWriter json, LispMessage message)
    {
        json.WriteString("type", FormatNames.TypeName(message));
        switch (message)
        {
            case MapRequest request:
                WriteRequest(json, request);
                break;
            case MapReply reply:
                json.WriteString("nonce", HexText.Hex64(reply.Nonce));
                json.WriteStartObject("flags");
                json.WriteBoolean("probe", reply.Probe);
                json.WriteBoolean("echo_nonce_capable", reply.EchoNonceCapable);
                json.WriteBoolean("security", reply.SecurityData is not null);
                json.WriteEndObject();
                WriteRecords(json, reply.Records);
                break;
            case MapRegister register:
                json.WriteString("nonce", HexText.Hex64(register.Nonce));
                json.WriteStartObject("flags");
                json.WriteBoolean("proxy_reply", register.ProxyReply);
                json.WriteBoolean("security", register.SecurityCapable);
                json.WriteBoolean("xtr_id_present", register.XtrId is not null);
                json.WriteBoolean("eid_notify", register.EidNotify);
                json.WriteBoolean("use_ttl", register.UseTtl);
                json.WriteBoolean("merge", register.Merge);
                json.WriteBoolean("want_map_notify", register.WantMapNotify);
                json.WriteEndObject();
                WriteAuthenticated(json, register);
                break;
            case MapNotify notify:
                json.WriteString("nonce", HexText.Hex64(notify.Nonce));
                json.WriteStartObject("flags");
                json.WriteBoolean("xtr_id_present", notify.XtrId is not null);
                json.WriteBoolean("rtr", (notify.ReservedBits & FlagBits.MapNotifyRtr) != 0);
                json.WriteEndObject();
                WriteAuthenticated(json, notify);
                WriteExtra(json, notify.Extra);
                break;
            case MapNotifyAck ack:
                json.WriteString("nonce", HexText.Hex64(ack.Nonce));
                json.WriteStartObject("flags");
                json.WriteEndObject();
                WriteAuthenticated(json, ack);
                WriteExtra(json, ack.Extra);
                break;
            case MapReferral referral:
                json.WriteString("nonce", HexText.Hex64(referral.Nonce));
                json.WriteStartObject("flags");
                json.WriteEndObject();
                WriteReferrals(json, referral.Records);
                break;
            case InfoMessage info:
                WriteInfo(json, info);
                break;
            case EncapsulatedControlMessage ecm:
                WriteEcm(json, ecm);
                break;
            case SharedExtensionMessage extension:
                json.WriteNumber("sub_type", extension.SubType);
                json.WriteString("body", HexText.Bytes(extension.Body.AsSpan()));
                break;
            default:
                break;
        }
    }

    private static void WriteRequest(Utf8JsonWriter json, MapRequest request)
    {
        json.WriteString("nonce", HexText.Hex64(request.Nonce));
        json.WriteStartObject("flags");
        json.WriteBoolean("authoritative", request.Authoritative);
        json.WriteBoolean("map_data_present", request.MapReplyRecord is not null);
        json.WriteBoolean("probe", request.Probe);
        json.WriteBoolean("smr", request.SolicitMapRequest);
        json.WriteBoolean("pitr", request.ProxyItr);
        json.WriteBoolean("smr_invoked", request.SmrInvoked);
        json.WriteBoolean("xtr_id_present", request.XtrId is not null);
        json.WriteBoolean("local_xtr", request.LocalXtr);
        json.WriteBoolean("dont_map_reply", request.DontMapReply);
        json.WriteEndObject();
        json.WriteString("source_eid", request.SourceEid.Format());
        json.WriteStartArray("itr_rlocs");
        foreach (var rloc in request.ItrRlocs)
        {
            json.WriteStringValue(rloc.Format());
        }

        json.WriteEndArray();
        json.WriteStartArray("records");
        foreach (var record in request.Records)
        {
            json.WriteStartObject();
            json.WriteString("eid", record.Prefix);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (request.MapReplyRecord is { } mapping)
        {
            json.WritePropertyName("map_reply");
            WriteRecord(json, mapping);
        }

        WriteXtrId(json, request.XtrId, request.SiteId);
    }

    private static void WriteAuthenticated(Utf8JsonWriter json, AuthenticatedMessage message)
    {
        json.WriteNumber("key_id", message.KeyId);
        json.WriteNumber("algorithm_id", (int)message.Algorithm);
        json.WriteNumber("auth_length", message.AuthenticationData.Count);
        json.WriteString("auth_data", HexText.Bytes(message.AuthenticationData.AsSpan()));
        WriteRecords(json, message.Records);
        WriteXtrId(json, message.XtrId, message.SiteId);
    }

    private static void WriteExtra(Utf8JsonWriter json, EquatableArray<byte> extra)
    {
        if (!extra.IsEmpty)
        {
            json.WriteString("extra", HexText.Bytes(extra.AsSpan()));
        }
    }

    private static void WriteXtrId(Utf8JsonWriter json, UInt128? xtrId, ulong? siteId)
    {
        if (xtrId is { } id)
        {
            json.WriteString("xtr_id", HexText.Hex128(id));
        }

        if (siteId is { } site)
        {
            json.WriteString("site_id", HexText.Hex64(site));
        }
    }
}
