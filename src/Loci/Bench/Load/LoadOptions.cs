using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Bench.Load;

/// <summary>The command line of <c>loci bench load</c>, validated by <see cref="LoadOptionsParser"/>.</summary>
internal sealed record LoadOptions
{
    public const long MaxRate = 2_000_000;
    public const int MaxSockets = 64;
    public const int MaxPrefixes = 1_000_000;
    public const int DefaultSplitPrefixes = 65_536;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxWarmup = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    public IPEndPoint Target { get; init; } = null!;

    public LoadMode Mode { get; init; }

    /// <summary>Offered messages per second.</summary>
    public long Rate { get; init; } = 10_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for replies after the last send.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    public int Sockets { get; init; } = 4;

    /// <summary>Who reads replies; null picks <see cref="ReceiveMode.Inline"/> when the process has one core, else threads.</summary>
    public ReceiveMode? Receive { get; init; }

    public ReceiveMode EffectiveReceive => Receive ?? (Environment.ProcessorCount == 1 ? ReceiveMode.Inline : ReceiveMode.Threads);

    public IPAddress? Source { get; init; }

    public IReadOnlyList<EidPrefix> EidPrefixes { get; init; } = [];

    public string? EidFile { get; init; }

    public bool Dataset { get; init; }

    /// <summary>With <see cref="Dataset"/>: its IPv4 prefixes with every /16 split into /24s (seed 002's pool).</summary>
    public bool Fragment { get; init; }

    public string? CacheDirectory { get; init; }

    /// <summary>Split the listed prefixes into blocks of this length.</summary>
    public int? PrefixLength { get; init; }

    /// <summary>Use only this many prefixes.</summary>
    public int? PrefixCount { get; init; }

    public string? Key { get; init; }

    public byte KeyId { get; init; }

    public AuthAlgorithm Algorithm { get; init; } = AuthAlgorithm.HmacSha256_128;

    public double NotifyFraction { get; init; } = 1;

    public bool ProxyReply { get; init; }

    public IPAddress? Rloc { get; init; }

    /// <summary>Prefixes to register (P and M set) before a request run.</summary>
    public int RegisterFirst { get; init; }

    public bool DdtOriginated { get; init; }

    /// <summary>The target's <c>/api/runtime</c> (a Loci node's API), read around the measured phase; null when not asked for.</summary>
    public Uri? NodeApi { get; init; }

    /// <summary>Where the JSON result also goes: a file, or "-" for stdout alone.</summary>
    public string? JsonPath { get; init; }

    public int Seed { get; init; } = 1;

    public bool Quiet { get; init; }

    public bool Help { get; init; }

    public long WarmupMessages => (long)Math.Round(Rate * Warmup.TotalSeconds);

    public long MeasuredMessages => (long)Math.Round(Rate * Duration.TotalSeconds);
}
