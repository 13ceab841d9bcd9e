namespace Loci.Bench.SeedEval;

/// <summary>The command line of <c>loci bench seed-eval</c>, validated by <see cref="SeedEvalOptionsParser"/>.</summary>
internal sealed record SeedEvalOptions
{
    public const string DefaultOutput = "bench-results/seed-eval";
    public const int MaxSites = 20_000;
    public const int MaxMessages = 1_000_000;
    public const int StepLimit = 40;

    public static readonly TimeSpan MaxStepDuration = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxStepWarmup = TimeSpan.FromSeconds(30);

    public string OutputDirectory { get; init; } = DefaultOutput;

    /// <summary>Which of the seed's figures to reproduce: 4, 5, 6.</summary>
    public IReadOnlySet<int> Figures { get; init; } = new SortedSet<int> { 4, 5, 6 };

    public bool Quick { get; init; }

    /// <summary>Seed 002: s from 200 to 2,000 sites in steps of 100.</summary>
    public int SitesMin { get; init; } = 200;

    public int SitesMax { get; init; } = 2000;

    public int SitesStep { get; init; } = 100;

    /// <summary>Timed messages per series (Map-Register full path, fast path, Map-Request) per number of sites.</summary>
    public int Messages { get; init; } = 2000;

    /// <summary>Seed 002: "about 20 different spaced test periods".</summary>
    public int Periods { get; init; } = 20;

    /// <summary>Pause between two test periods.</summary>
    public TimeSpan PeriodGap { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Seed 002: "around 5 percent are randomly set to require a Map-Notify".</summary>
    public double NotifyShare { get; init; } = 0.05;

    /// <summary>Request form of Fig. 4's map-resolver series and Fig. 6's load: an ECM (as from an ITR, RFC 9301 §5.8) or native.</summary>
    public bool Encapsulated { get; init; } = true;

    public int Seed { get; init; } = 1;

    public string? CacheDirectory { get; init; }

    /// <summary>Fig. 6: the map-table holds the sites of this draw (default the largest).</summary>
    public int? RateSites { get; init; }

    public long MinRate { get; init; } = 500;

    public long MaxRate { get; init; } = 1_000_000;

    /// <summary>Each rate step is the previous one times this factor (rounded to two significant digits).</summary>
    public double RateFactor { get; init; } = 1.5;

    public int MaxRateSteps { get; init; } = 30;

    /// <summary>Steps still run once saturated, to show the curve past the knee.</summary>
    public int PastSaturation { get; init; } = 1;

    /// <summary>Seed 002 method on this machine: "5 s per step".</summary>
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan StepWarmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pin the node to core 0 and the generator to core 1 with taskset when there are two cores.</summary>
    public bool Pin { get; init; } = true;

    public bool Help { get; init; }

    /// <summary>The command line as given, for the summary.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public int EffectiveRateSites => RateSites ?? SitesMax;

    public IEnumerable<int> SiteSteps()
    {
        for (var sites = SitesMin; sites <= SitesMax; sites += SitesStep)
        {
            yield return sites;
        }
    }
}
