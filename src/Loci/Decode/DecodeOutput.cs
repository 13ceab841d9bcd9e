using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Loci.Capture;
using Loci.Wire.Formatting;

namespace Loci.Decode;

/// <summary>
/// Writes decoded datagrams as lines, field trees or JSON lines, buffered in a StringBuilder and
/// handed to the output writer in large chunks (thousands of packets per second need that), and
/// counts the malformed ones for the exit status.
/// </summary>
internal sealed class DecodeOutput : IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly TextWriter _stdout;
    private readonly DecodeOptions _options;
    private readonly StringBuilder _text = new(FlushThreshold + 4096);
    private readonly ArrayBufferWriter<byte> _jsonBuffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public DecodeOutput(TextWriter stdout, DecodeOptions options)
    {
        _stdout = stdout;
        _options = options;
        _json = new Utf8JsonWriter(_jsonBuffer, MessageFormatter.JsonOptions);
    }

    public long Messages { get; private set; }

    public long Malformed { get; private set; }

    /// <summary>A message from hex or raw input: no packet context.</summary>
    public void Write(Dissection dissection) => Write(dissection, null, default);

    /// <summary>A message found in a capture, with its packet number, time and UDP endpoints.</summary>
    public void Write(Dissection dissection, CaptureFrame? frame, in UdpDatagram datagram)
    {
        Messages++;
        if (dissection.IsMalformed)
        {
            Malformed++;
        }

        if (_options.Json)
        {
            WriteJson(dissection, frame, datagram);
        }
        else
        {
            if (frame is { } f)
            {
                AppendPacketPrefix(f, datagram);
            }

            MessageFormatter.AppendSummary(_text, dissection);
            if (frame is not null && datagram.FirstFragment)
            {
                _text.Append(" (first IP fragment; reassembly is not done)");
            }

            _text.Append('\n');
            if (_options.Verbose)
            {
                MessageFormatter.AppendTree(_text, dissection, 1);
            }
        }

        if (_text.Length >= FlushThreshold)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_text.Length > 0)
        {
            _stdout.Write(_text);
            _text.Clear();
        }

        _stdout.Flush();
    }

    public void Dispose() => _json.Dispose();

    private void AppendPacketPrefix(in CaptureFrame frame, in UdpDatagram datagram)
    {
        _text.Append(frame.Number).Append(' ').Append(frame.Time.ToText()).Append(' ');
        AppendEndpoint(datagram.Source, datagram.SourcePort);
        _text.Append(" > ");
        AppendEndpoint(datagram.Destination, datagram.DestinationPort);
        _text.Append(": ");
    }

    private void AppendEndpoint(IPAddress? address, int port)
    {
        var v6 = address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        _text.Append(v6 ? "[" : string.Empty).Append(address?.ToString()).Append(v6 ? "]:" : ":").Append(port);
    }

    private void WriteJson(Dissection dissection, CaptureFrame? frame, in UdpDatagram datagram)
    {
        _jsonBuffer.ResetWrittenCount();
        _json.Reset(_jsonBuffer);
        _json.WriteStartObject();
        if (frame is { } f)
        {
            _json.WriteNumber("packet", f.Number);
            _json.WriteString("time", f.Time.ToIso8601());
            _json.WriteString("src", datagram.Source?.ToString());
            _json.WriteString("dst", datagram.Destination?.ToString());
            _json.WriteNumber("src_port", datagram.SourcePort);
            _json.WriteNumber("dst_port", datagram.DestinationPort);
        }

        MessageFormatter.WriteJsonProperties(_json, dissection);
        _json.WriteEndObject();
        _json.Flush();
        _text.Append(Encoding.UTF8.GetString(_jsonBuffer.WrittenSpan)).Append('\n');
    }
}
