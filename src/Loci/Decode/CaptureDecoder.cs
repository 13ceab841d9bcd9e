using Loci.Capture;
using Loci.Wire.Formatting;

namespace Loci.Decode;

/// <summary>Decodes every LISP datagram of a capture; notes what it had to skip.</summary>
internal static class CaptureDecoder
{
    /// <summary>Returns false when the capture is damaged (the reason is written to <paramref name="stderr"/>).</summary>
    public static bool Decode(PcapReader reader, string name, DecodeOutput output, TextWriter stderr, bool verbose)
    {
        long frames = 0, lisp = 0, fragments = 0, truncated = 0;
        var unsupported = new SortedSet<int>();
        while (reader.TryRead(out var frame))
        {
            frames++;
            var datagram = PacketParser.Parse(frame);
            switch (datagram.Kind)
            {
                case PacketKind.Control:
                    lisp++;
                    output.Write(Dissector.DissectControl(datagram.Payload.Span, datagram.DeclaredLength), frame, datagram);
                    break;
                case PacketKind.Data:
                    lisp++;
                    output.Write(Dissector.DissectData(datagram.Payload.Span, datagram.DeclaredLength), frame, datagram);
                    break;
                case PacketKind.Fragment:
                    fragments++;
                    break;
                case PacketKind.Truncated:
                    truncated++;
                    break;
                case PacketKind.UnsupportedLink:
                    unsupported.Add(frame.LinkType);
                    break;
                default:
                    break;
            }
        }

        output.Flush();
        if (fragments > 0)
        {
            stderr.WriteLine($"loci decode: {name}: skipped {fragments} non-first IP fragment(s) (reassembly is not done)");
        }

        if (truncated > 0)
        {
            stderr.WriteLine($"loci decode: {name}: skipped {truncated} packet(s) cut before their UDP header");
        }

        if (unsupported.Count > 0)
        {
            stderr.WriteLine($"loci decode: {name}: skipped packets of unsupported link type(s) {string.Join(", ", unsupported)}");
        }

        if (verbose || lisp == 0)
        {
            stderr.WriteLine($"loci decode: {name}: {reader.Format}, {frames} packet(s), {lisp} on UDP 4341/4342");
        }

        if (reader.Error is { } error)
        {
            stderr.WriteLine($"loci decode: {name}: damaged capture {error}; stopped after packet {frames}");
            return false;
        }

        return true;
    }
}
