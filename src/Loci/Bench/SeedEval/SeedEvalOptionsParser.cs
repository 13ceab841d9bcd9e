using System.Globalization;
using Loci.Bench.Load;
using Loci.Config;

namespace Loci.Bench.SeedEval;

/// <summary>
/// Parses and checks the <c>loci bench seed-eval</c> command line; every error names the option.
/// <c>--quick</c> changes the defaults only, so options given with it still apply, in any order.
/// </summary>
internal static class SeedEvalOptionsParser
{
    /// <summary>Quick mode (tests, a first look): 3 site steps, 200 messages, 2 rate steps of 1 s.</summary>
    public static readonly SeedEvalOptions QuickDefaults = new()
    {
        Quick = true,
        SitesMin = 200,
        SitesMax = 400,
        SitesStep = 100,
        Messages = 200,
        Periods = 4,
        PeriodGap = TimeSpan.FromMilliseconds(5),
        RateFactor = 2,
        MaxRateSteps = 2,
        StepDuration = TimeSpan.FromSeconds(1),
        StepWarmup = TimeSpan.FromMilliseconds(200),
    };

    public static bool TryParse(string[] args, out SeedEvalOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        options = (quick ? QuickDefaults : new SeedEvalOptions()) with { Arguments = args };
        error = string.Empty;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
                options = arg switch
                {
                    "-h" or "--help" => options with { Help = true },
                    "--quick" => options,
                    "--out" => options with { OutputDirectory = NonEmpty(arg, Value()) },
                    "--figures" => options with { Figures = ParseFigures(Value()) },
                    "--sites" => ParseSites(options, Value()),
                    "--messages" => options with { Messages = ParseInt(arg, Value(), 10, SeedEvalOptions.MaxMessages) },
                    "--periods" => options with { Periods = ParseInt(arg, Value(), 1, 1000) },
                    "--period-gap" => options with { PeriodGap = ParseDuration(arg, Value(), TimeSpan.Zero, TimeSpan.FromSeconds(10)) },
                    "--notify-share" => options with { NotifyShare = ParseFraction(arg, Value()) },
                    "--request" => options with { Encapsulated = ParseRequestForm(Value()) },
                    "--seed" => options with { Seed = ParseInt(arg, Value(), 0, int.MaxValue) },
                    "--cache" => options with { CacheDirectory = NonEmpty(arg, Value()) },
                    "--rate-sites" => options with { RateSites = ParseInt(arg, Value(), 1, SeedEvalOptions.MaxSites) },
                    "--min-rate" => options with { MinRate = LoadOptionsParser.ParseRate(arg, Value()) },
                    "--max-rate" => options with { MaxRate = LoadOptionsParser.ParseRate(arg, Value()) },
                    "--rate-factor" => options with { RateFactor = ParseFactor(arg, Value()) },
                    "--max-steps" => options with { MaxRateSteps = ParseInt(arg, Value(), 1, SeedEvalOptions.StepLimit) },
                    "--past-saturation" => options with { PastSaturation = ParseInt(arg, Value(), 0, 10) },
                    "--step" => options with { StepDuration = ParseDuration(arg, Value(), TimeSpan.FromMilliseconds(100), SeedEvalOptions.MaxStepDuration) },
                    "--step-warmup" => options with { StepWarmup = ParseDuration(arg, Value(), TimeSpan.Zero, SeedEvalOptions.MaxStepWarmup) },
                    "--no-pin" => options with { Pin = false },
                    _ => throw new ArgumentException($"unknown option '{arg}'"),
                };
            }

            if (options.MinRate > options.MaxRate)
            {
                throw new ArgumentException($"--min-rate {options.MinRate:N0} is above --max-rate {options.MaxRate:N0}");
            }

            if (options.Periods > options.Messages)
            {
                throw new ArgumentException($"--periods {options.Periods} is more than --messages {options.Messages}");
            }

            if (quick && options.RateSites is null)
            {
                options = options with { RateSites = options.SitesMin };
            }

            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>"4,5,6", "4", "5,6".</summary>
    private static SortedSet<int> ParseFigures(string text)
    {
        var figures = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part is not ("4" or "5" or "6"))
            {
                throw new ArgumentException($"--figures lists seed 002's figures 4, 5 and 6 (e.g. 4,5), not '{text}'");
            }

            figures.Add(part[0] - '0');
        }

        return figures;
    }

    /// <summary>"MIN:MAX:STEP" or "MIN:MAX" (step 100) or "N" (one step).</summary>
    private static SeedEvalOptions ParseSites(SeedEvalOptions options, string text)
    {
        var parts = text.Split(':');
        if (parts.Length > 3)
        {
            throw new ArgumentException($"--sites is MIN:MAX:STEP (200:2000:100), not '{text}'");
        }

        var min = ParseInt("--sites", parts[0], 1, SeedEvalOptions.MaxSites);
        var max = parts.Length > 1 ? ParseInt("--sites", parts[1], 1, SeedEvalOptions.MaxSites) : min;
        var step = parts.Length > 2 ? ParseInt("--sites", parts[2], 1, SeedEvalOptions.MaxSites) : 100;
        return max < min
            ? throw new ArgumentException($"--sites {text}: the maximum is below the minimum")
            : options with { SitesMin = min, SitesMax = max, SitesStep = step };
    }

    private static bool ParseRequestForm(string text) => text switch
    {
        "ecm" => true,
        "native" => false,
        _ => throw new ArgumentException($"--request is ecm or native, not '{text}'"),
    };

    private static string NonEmpty(string option, string text) =>
        string.IsNullOrWhiteSpace(text) ? throw new ArgumentException($"{option} needs a non-empty value") : text;

    private static int ParseInt(string option, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{option} needs a whole number from {min:N0} to {max:N0}, got '{text}'");

    private static double ParseFraction(string option, string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f) && f is >= 0 and <= 1
            ? f
            : throw new ArgumentException($"{option} needs a fraction from 0 to 1, got '{text}'");

    private static double ParseFactor(string option, string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f) && f is >= 1.05 and <= 10
            ? f
            : throw new ArgumentException($"{option} needs a factor from 1.05 to 10, got '{text}'");

    private static TimeSpan ParseDuration(string option, string text, TimeSpan min, TimeSpan max) =>
        !DurationText.TryParse(text, out var duration) ? throw new ArgumentException($"{option} '{text}' is not a duration (500ms, 5s, 1m)")
        : duration < min || duration > max ? throw new ArgumentException($"{option} {text} is out of range: {min.TotalSeconds:0.###} s to {max.TotalSeconds:0.###} s")
        : duration;
}
