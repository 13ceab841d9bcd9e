using System.Globalization;

namespace Loci.Bench;

/// <summary>Command-line options shared by <c>loci bench lpm</c> and <c>loci bench lpm-shape</c>.</summary>
internal sealed class LpmBenchOptions
{
    public bool Json { get; private set; }

    public string? CacheDirectory { get; private set; }

    public int Lookups { get; private set; } = 1_000_000;

    public int Seed { get; private set; } = 1;

    public string? OutputDirectory { get; private set; }

    public int Runs { get; private set; } = 5;

    public bool Help { get; private set; }

    /// <summary>Parses options; returns null and writes the reason to <paramref name="stderr"/> when they are wrong.</summary>
    public static LpmBenchOptions? Parse(string[] args, TextWriter stderr, bool shape)
    {
        var options = new LpmBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"option {arg} needs a value");
                }

                return args[++i];
            }

            int Number(int min)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n
                    : throw new ArgumentException($"option {arg} needs a whole number ≥ {min}, got '{text}'");
            }

            try
            {
                switch (arg)
                {
                    case "-h" or "--help":
                        options.Help = true;
                        break;
                    case "--json" when !shape:
                        options.Json = true;
                        break;
                    case "--cache":
                        options.CacheDirectory = Value();
                        break;
                    case "--lookups" when !shape:
                        options.Lookups = Number(1000);
                        break;
                    case "--seed":
                        options.Seed = Number(0);
                        break;
                    case "--out" when shape:
                        options.OutputDirectory = Value();
                        break;
                    case "--runs" when shape:
                        options.Runs = Number(1);
                        break;
                    default:
                        throw new ArgumentException($"unknown option '{arg}'");
                }
            }
            catch (ArgumentException ex)
            {
                stderr.WriteLine($"loci bench {(shape ? "lpm-shape" : "lpm")}: {ex.Message}. Run with --help for the options.");
                return null;
            }
        }

        return options;
    }
}
