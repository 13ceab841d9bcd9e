namespace Loci.Decode;

/// <summary>The parsed `loci decode` command line.</summary>
internal sealed class DecodeOptions
{
    public bool Json { get; set; }

    public bool Verbose { get; set; }

    /// <summary>Hex and raw inputs hold a data-plane packet (LISP header + inner packet) rather than a control message.</summary>
    public bool DataPlane { get; set; }

    public bool Help { get; set; }

    public List<DecodeInput> Inputs { get; } = [];

    /// <summary>Parses the arguments; null with <paramref name="error"/> on a bad command line.</summary>
    public static DecodeOptions? Parse(string[] args, out string? error)
    {
        var options = new DecodeOptions();
        var loose = new List<string>();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    options.Help = true;
                    break;
                case "--json":
                    options.Json = true;
                    break;
                case "-v" or "--verbose":
                    options.Verbose = true;
                    break;
                case "--data":
                    options.DataPlane = true;
                    break;
                case "--hex" or "--raw":
                    if (i + 1 >= args.Length)
                    {
                        error = $"{arg} needs a value";
                        return null;
                    }

                    options.Inputs.Add(new DecodeInput(arg == "--hex" ? InputKind.Hex : InputKind.Raw, args[++i]));
                    break;
                case "--":
                    loose.AddRange(args[(i + 1)..]);
                    i = args.Length;
                    break;
                default:
                    if (arg.StartsWith('-') && arg != "-")
                    {
                        error = $"unknown option '{arg}'";
                        return null;
                    }

                    loose.Add(arg);
                    break;
            }
        }

        AddLoose(options, loose);
        if (options.Json && options.Verbose)
        {
            error = "--json and --verbose are exclusive";
            return null;
        }

        if (options.Inputs.Count == 0 && !options.Help)
        {
            error = "nothing to decode: give hex digits, a file, or - for standard input";
            return null;
        }

        return options;
    }

    /// <summary>
    /// Positional arguments are files (or - for stdin) when such a file exists; otherwise hex. Hex split
    /// over several arguments ("loci decode 10 00 00 01 ...") is joined into one message.
    /// </summary>
    private static void AddLoose(DecodeOptions options, List<string> loose)
    {
        var hex = new List<string>();
        foreach (var arg in loose)
        {
            if (arg == "-" || File.Exists(arg) || !HexInput.LooksLikeHex(arg))
            {
                FlushHex(options, hex);
                options.Inputs.Add(new DecodeInput(InputKind.Auto, arg));
            }
            else
            {
                hex.Add(arg);
            }
        }

        FlushHex(options, hex);
    }

    private static void FlushHex(DecodeOptions options, List<string> hex)
    {
        if (hex.Count > 0)
        {
            options.Inputs.Add(new DecodeInput(InputKind.Hex, string.Join(' ', hex)));
            hex.Clear();
        }
    }
}
