using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Loci.Wire.Formatting;

/// <summary>
/// Text forms of LISP messages shared by logs, the monitor and `loci decode`: a one-line lig-style
/// summary, a verbose field tree (tcpdump -v / Wireshark style) and JSON with the names issue 2 fixes.
/// Decode with <see cref="Dissector"/> first to get the same forms for data-plane headers and errors.
/// </summary>
public static class MessageFormatter
{
    /// <summary>Writer options for the JSON form: compact, and no escaping of '+' or '&lt;' in names and reasons.</summary>
    public static JsonWriterOptions JsonOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>E.g. "map-reply nonce 0x1a2b3c4d5e6f7081 10.1.0.0/24 ttl 1440 auth [127.0.0.101 1/50 R]".</summary>
    public static string Summary(LispMessage message)
    {
        var text = new StringBuilder();
        AppendSummary(text, message);
        return text.ToString();
    }

    public static void AppendSummary(StringBuilder text, LispMessage message)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(message);
        SummaryFormatter.Append(text, message);
    }

    /// <summary>The field tree, one "name: value" line per field, <paramref name="indent"/> levels of two spaces deep.</summary>
    public static string Tree(LispMessage message, int indent = 0)
    {
        var text = new StringBuilder();
        AppendTree(text, message, indent);
        return text.ToString();
    }

    public static void AppendTree(StringBuilder text, LispMessage message, int indent = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(message);
        TreeFormatter.Write(text, message, indent);
    }

    /// <summary>Writes the message's JSON properties into an object the caller has opened (so it can add its own, e.g. packet number).</summary>
    public static void WriteJsonProperties(Utf8JsonWriter json, LispMessage message)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(message);
        JsonFormatter.WriteProperties(json, message);
    }

    /// <summary>The message as one compact JSON object.</summary>
    public static string Json(LispMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            WriteJsonProperties(json, message);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One line for a decoded datagram; a malformed one reads "TYPE [fields decoded so far] malformed: REASON (at byte N)".</summary>
    public static void AppendSummary(StringBuilder text, Dissection dissection)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dissection);
        if (dissection.Message is { } message)
        {
            SummaryFormatter.Append(text, message);
        }
        else if (dissection.DataHeader is { } header)
        {
            DataFormatter.AppendSummary(text, header, dissection.Inner);
        }
        else
        {
            text.Append(dissection.TypeName ?? "lisp");
        }

        if (dissection.Error is { } error)
        {
            text.Append(" malformed: ").Append(dissection.ErrorReason ?? error.Reason)
                .Append(" (at byte ").Append(error.Offset.ToString(CultureInfo.InvariantCulture)).Append(')');
        }
    }

    public static void AppendTree(StringBuilder text, Dissection dissection, int indent = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dissection);
        if (dissection.Message is { } message)
        {
            TreeFormatter.Write(text, message, indent);
        }
        else if (dissection.DataHeader is { } header)
        {
            DataFormatter.AppendTree(text, header, dissection.Inner, indent);
        }
        else
        {
            new TreeBuilder(text, indent).Line(dissection.TypeName ?? "lisp", "malformed");
        }

        if (dissection.Error is { } error)
        {
            var tree = new TreeBuilder(text, indent + 1);
            tree.Open("error", error.CodeName);
            tree.Line("offset", error.Offset);
            tree.Line("reason", dissection.ErrorReason ?? error.Reason);
            tree.Close();
        }
    }

    /// <summary>
    /// JSON properties of a decoded datagram: the message's, or for a malformed one <c>type</c> (when
    /// the type nibble is known), any fields decoded before the fault, and <c>error</c> {code, offset, reason}.
    /// </summary>
    public static void WriteJsonProperties(Utf8JsonWriter json, Dissection dissection)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(dissection);
        if (dissection.Message is { } message)
        {
            JsonFormatter.WriteProperties(json, message);
        }
        else if (dissection.DataHeader is { } header)
        {
            DataFormatter.WriteProperties(json, header, dissection.Inner);
        }
        else if (dissection.TypeName is { } type)
        {
            json.WriteString("type", type);
        }

        if (dissection.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteString("code", error.CodeName);
            json.WriteNumber("offset", error.Offset);
            json.WriteString("reason", dissection.ErrorReason ?? error.Reason);
            json.WriteEndObject();
        }
    }
}
