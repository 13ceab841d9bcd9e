using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Loci.Wire.Formatting;

/// <summary>The LISP data-plane header (RFC 9300 §5.3) as a line, a field tree and JSON.</summary>
internal static class DataFormatter
{
    public static void AppendSummary(StringBuilder text, in LispDataHeader header, InnerPacket? inner)
    {
        text.Append("data");
        if (header.NoncePresent)
        {
            text.Append(" N nonce 0x").Append(header.Nonce.ToString("x6", CultureInfo.InvariantCulture));
        }

        if (header.LocatorStatusBitsValid)
        {
            text.Append(" L lsb 0x").Append(header.LocatorStatusBits.ToString(header.InstanceIdPresent ? "x2" : "x8", CultureInfo.InvariantCulture));
        }

        if (header.EchoNonceRequest)
        {
            text.Append(" E");
        }

        if (header.MapVersionPresent)
        {
            text.Append(" V map-versions ").Append(header.SourceMapVersion.ToString(CultureInfo.InvariantCulture))
                .Append('/').Append(header.DestinationMapVersion.ToString(CultureInfo.InvariantCulture));
        }

        if (header.InstanceIdPresent)
        {
            text.Append(" I iid ").Append(header.InstanceId.ToString(CultureInfo.InvariantCulture));
        }

        if (header.KeyId != 0)
        {
            text.Append(" key-id ").Append(header.KeyId.ToString(CultureInfo.InvariantCulture));
        }

        if (inner is not null)
        {
            text.Append(" inner ").Append(inner.Source.ToString()).Append(" > ").Append(inner.Destination.ToString())
                .Append(" proto ").Append(inner.Protocol.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static void AppendTree(StringBuilder text, in LispDataHeader header, InnerPacket? inner, int indent)
    {
        var tree = new TreeBuilder(text, indent);
        tree.Open("data", "LISP data-plane header, RFC 9300 §5.3");
        tree.Flag("nonce-present", "N", header.NoncePresent);
        tree.Flag("locator-status-bits-enabled", "L", header.LocatorStatusBitsValid);
        tree.Flag("echo-nonce-request", "E", header.EchoNonceRequest);
        tree.Flag("map-version-present", "V", header.MapVersionPresent);
        tree.Flag("instance-id-present", "I", header.InstanceIdPresent);
        tree.Flag("reserved", "R", header.Reserved);
        tree.Line("key id (KK)", header.KeyId);
        if (header.NoncePresent)
        {
            tree.Line("nonce", "0x" + header.Nonce.ToString("x6", CultureInfo.InvariantCulture));
        }

        if (header.MapVersionPresent)
        {
            tree.Line("source map-version", header.SourceMapVersion);
            tree.Line("destination map-version", header.DestinationMapVersion);
        }

        if (!header.NoncePresent && !header.MapVersionPresent)
        {
            tree.Line("unused", "0x" + header.UnusedLowBits.ToString("x6", CultureInfo.InvariantCulture));
        }

        if (header.InstanceIdPresent)
        {
            tree.Line("instance id", header.InstanceId);
        }

        tree.Line("locator-status-bits", "0x" + header.LocatorStatusBits.ToString(header.InstanceIdPresent ? "x2" : "x8", CultureInfo.InvariantCulture));
        if (inner is not null)
        {
            tree.Open("inner packet");
            tree.Line("source", inner.Source.ToString());
            tree.Line("destination", inner.Destination.ToString());
            tree.Line("protocol", inner.Protocol);
            tree.Close();
        }

        tree.Close();
    }

    public static void WriteProperties(Utf8JsonWriter json, in LispDataHeader header, InnerPacket? inner)
    {
        json.WriteString("type", "data");
        json.WriteStartObject("flags");
        json.WriteBoolean("n", header.NoncePresent);
        json.WriteBoolean("l", header.LocatorStatusBitsValid);
        json.WriteBoolean("e", header.EchoNonceRequest);
        json.WriteBoolean("v", header.MapVersionPresent);
        json.WriteBoolean("i", header.InstanceIdPresent);
        json.WriteEndObject();
        json.WriteNumber("key_id", header.KeyId);
        if (header.NoncePresent)
        {
            json.WriteString("nonce", HexText.Hex64(header.Nonce));
        }

        if (header.MapVersionPresent)
        {
            json.WriteNumber("source_map_version", header.SourceMapVersion);
            json.WriteNumber("destination_map_version", header.DestinationMapVersion);
        }

        if (header.InstanceIdPresent)
        {
            json.WriteNumber("instance_id", header.InstanceId);
        }

        json.WriteNumber("lsb", header.LocatorStatusBits);
        if (inner is not null)
        {
            json.WriteStartObject("inner");
            json.WriteString("source", inner.Source.ToString());
            json.WriteString("destination", inner.Destination.ToString());
            json.WriteNumber("protocol", inner.Protocol);
            json.WriteEndObject();
        }
    }
}
