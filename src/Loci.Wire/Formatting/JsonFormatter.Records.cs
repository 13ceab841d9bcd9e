using System.Text.Json;

namespace Loci.Wire.Formatting;

/// <summary>JSON records and locators: {eid, ttl, action, authoritative, map_version, locators: [...]}.</summary>
internal static partial class JsonFormatter
{
    private static void WriteRecords(Utf8JsonWriter json, EquatableArray<EidRecord> records)
    {
        json.WriteStartArray("records");
        foreach (var record in records)
        {
            WriteRecord(json, record);
        }

        json.WriteEndArray();
    }

    private static void WriteRecord(Utf8JsonWriter json, EidRecord record)
    {
        json.WriteStartObject();
        json.WriteString("eid", record.Prefix);
        json.WriteNumber("ttl", record.Ttl);
        json.WriteString("action", FormatNames.ActionName(record.Action));
        json.WriteBoolean("authoritative", record.Authoritative);
        json.WriteNumber("map_version", record.MapVersion);
        WriteLocators(json, record.Locators);
        json.WriteEndObject();
    }

    private static void WriteReferrals(Utf8JsonWriter json, EquatableArray<ReferralRecord> records)
    {
        json.WriteStartArray("records");
        foreach (var record in records)
        {
            json.WriteStartObject();
            json.WriteString("eid", record.Prefix);
            json.WriteNumber("ttl", record.Ttl);
            json.WriteString("action", FormatNames.ReferralActionName(record.Action));
            json.WriteBoolean("authoritative", record.Authoritative);
            json.WriteBoolean("incomplete", record.Incomplete);
            json.WriteNumber("map_version", record.MapVersion);
            json.WriteNumber("signature_count", record.Signatures.Count);
            WriteLocators(json, record.Referrals);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteLocators(Utf8JsonWriter json, EquatableArray<LocatorRecord> locators)
    {
        json.WriteStartArray("locators");
        foreach (var locator in locators)
        {
            json.WriteStartObject();
            json.WriteString("rloc", locator.Rloc.Format());
            json.WriteNumber("priority", locator.Priority);
            json.WriteNumber("weight", locator.Weight);
            json.WriteNumber("m_priority", locator.MulticastPriority);
            json.WriteNumber("m_weight", locator.MulticastWeight);
            json.WriteBoolean("local", locator.Local);
            json.WriteBoolean("probed", locator.Probed);
            json.WriteBoolean("reachable", locator.Reachable);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteInfo(Utf8JsonWriter json, InfoMessage info)
    {
        json.WriteString("nonce", HexText.Hex64(info.Nonce));
        json.WriteStartObject("flags");
        json.WriteBoolean("reply", info.IsReply);
        json.WriteEndObject();
        json.WriteNumber("key_id", info.KeyId);
        json.WriteNumber("algorithm_id", (int)info.Algorithm);
        json.WriteNumber("auth_length", info.AuthenticationData.Count);
        json.WriteString("auth_data", HexText.Bytes(info.AuthenticationData.AsSpan()));
        json.WriteNumber("ttl", info.Ttl);
        json.WriteString("eid", SummaryFormatter.PrefixText(info.EidPrefix, info.MaskLength));
        if (info.Payload is NatTraversalAddress nat)
        {
            json.WriteStartObject("nat_traversal");
            json.WriteNumber("ms_port", nat.MsUdpPort);
            json.WriteNumber("etr_port", nat.EtrUdpPort);
            json.WriteString("global_etr_rloc", nat.GlobalEtrRloc.Format());
            json.WriteString("ms_rloc", nat.MsRloc.Format());
            json.WriteString("private_etr_rloc", nat.PrivateEtrRloc.Format());
            json.WriteStartArray("rtr_rlocs");
            foreach (var rtr in nat.RtrRlocs)
            {
                json.WriteStringValue(rtr.Format());
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("payload", info.Payload.Format());
        }
    }

    private static void WriteEcm(Utf8JsonWriter json, EncapsulatedControlMessage ecm)
    {
        json.WriteStartObject("flags");
        json.WriteBoolean("security", ecm.SecurityData is not null);
        json.WriteBoolean("ddt_originated", ecm.DdtOriginated);
        json.WriteBoolean("to_etr", ecm.ToEtr);
        json.WriteBoolean("to_map_server", ecm.ToMapServer);
        json.WriteEndObject();
        json.WriteStartObject("inner");
        json.WriteString("source", ecm.InnerSource.ToString());
        json.WriteString("destination", ecm.InnerDestination.ToString());
        json.WriteNumber("source_port", ecm.InnerSourcePort);
        json.WriteNumber("destination_port", ecm.InnerDestinationPort);
        json.WriteStartObject("message");
        WriteProperties(json, ecm.Inner);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
