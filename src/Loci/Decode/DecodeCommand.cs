using Loci.Capture;
using Loci.Cli;
using Loci.Wire.Formatting;

namespace Loci.Decode;

/// <summary>
/// `loci decode`: a LISP dissector for hex strings, raw message files and pcap/pcapng captures,
/// printing one line, a field tree or one JSON object per message (issue 2, item 3).
/// </summary>
internal static class DecodeCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, Console.OpenStandardInput);

    /// <summary>As <see cref="Run(string[], TextWriter, TextWriter)"/>, with standard input supplied by the caller (tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream> stdin)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stdin);
        var options = DecodeOptions.Parse(args, out var error);
        if (options is null)
        {
            stderr.WriteLine($"loci decode: {error}. Run 'loci decode --help' for usage.");
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            stdout.Write(DecodeUsage.Text);
            stdout.WriteLine();
            return ExitCodes.Ok;
        }

        using var output = new DecodeOutput(stdout, options);
        var status = ExitCodes.Ok;
        foreach (var input in options.Inputs)
        {
            var result = DecodeOne(input, options, output, stderr, stdin);
            status = Worse(status, result);
        }

        output.Flush();
        return output.Malformed > 0 ? Worse(status, ExitCodes.Malformed) : status;
    }

    /// <summary>Usage beats I/O beats malformed beats success when several inputs disagree.</summary>
    private static int Worse(int a, int b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(int code) => code switch
    {
        ExitCodes.Usage => 3,
        ExitCodes.IoError => 2,
        ExitCodes.Malformed => 1,
        _ => 0,
    };

    private static int DecodeOne(DecodeInput input, DecodeOptions options, DecodeOutput output, TextWriter stderr, Func<Stream> stdin)
    {
        if (input.Kind == InputKind.Hex)
        {
            if (!HexInput.TryParse(input.Value, out var bytes, out var hexError))
            {
                stderr.WriteLine($"loci decode: bad hex input: {hexError}");
                return ExitCodes.Usage;
            }

            output.Write(Dissect(bytes, options));
            return ExitCodes.Ok;
        }

        var name = input.Value == "-" ? "<stdin>" : input.Value;
        try
        {
            Stream opened = input.Value == "-" ? stdin() : OpenFile(input.Value);
            using var stream = opened.CanSeek ? opened : ReadAll(opened);
            return DecodeStream(stream, name, input.Kind, options, output, stderr);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            output.Flush();
            stderr.WriteLine($"loci decode: cannot read {name}: {e.Message}");
            return ExitCodes.IoError;
        }
    }

    private static int DecodeStream(Stream stream, string name, InputKind kind, DecodeOptions options, DecodeOutput output, TextWriter stderr)
    {
        Span<byte> magic = stackalloc byte[4];
        var got = CaptureBytes.ReadFully(stream, magic);
        if (kind == InputKind.Auto && PcapReader.IsCapture(magic[..got]))
        {
            stream.Position = 0;
            if (!PcapReader.TryOpen(stream, leaveOpen: true, out var reader, out var openError))
            {
                stderr.WriteLine($"loci decode: {name}: {openError}");
                return ExitCodes.Malformed;
            }

            using (reader)
            {
                return CaptureDecoder.Decode(reader!, name, output, stderr, options.Verbose) ? ExitCodes.Ok : ExitCodes.Malformed;
            }
        }

        stream.Position = 0;
        var bytes = new byte[stream.Length];
        CaptureBytes.ReadFully(stream, bytes);
        if (kind == InputKind.Auto && HexInput.LooksLikeHex(bytes) && HexInput.TryParse(System.Text.Encoding.ASCII.GetString(bytes), out var parsed, out _))
        {
            bytes = parsed;
        }

        output.Write(Dissect(bytes, options));
        return ExitCodes.Ok;
    }

    private static Dissection Dissect(byte[] bytes, DecodeOptions options) =>
        options.DataPlane ? Dissector.DissectData(bytes) : Dissector.DissectControl(bytes);

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    /// <summary>Standard input and pipes cannot seek; capture and raw detection need to look at the start, so take it all.</summary>
    private static MemoryStream ReadAll(Stream source)
    {
        var memory = new MemoryStream();
        using (source)
        {
            source.CopyTo(memory);
        }

        memory.Position = 0;
        return memory;
    }
}
