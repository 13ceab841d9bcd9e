using System.Globalization;
using System.Net;
using Loci.Config;
using Loci.Prefixes;
using Loci.Transport;
using Loci.Wire;

namespace Loci.Bench.Load;

/// <summary>Parses and checks the <c>loci bench load</c> command line; every error message names the option.</summary>
internal static class LoadOptionsParser
{
    public static bool TryParse(string[] args, out LoadOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new LoadOptions();
        error = string.Empty;
        string? target = null;
        LoadMode? mode = null;
        var prefixes = new List<EidPrefix>();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
                switch (arg)
                {
                    case "-h" or "--help":
                        options = options with { Help = true };
                        break;
                    case "--target":
                        target = Value();
                        break;
                    case "--mode":
                        mode = Value() switch
                        {
                            "request" => LoadMode.Request,
                            "ecm" => LoadMode.Ecm,
                            "register" => LoadMode.Register,
                            var other => throw new ArgumentException($"--mode is request, ecm or register, not '{other}'"),
                        };
                        break;
                    case "--rate":
                        options = options with { Rate = ParseRate(arg, Value()) };
                        break;
                    case "--duration":
                        options = options with { Duration = ParseDuration(arg, Value(), TimeSpan.FromMilliseconds(1), LoadOptions.MaxDuration) };
                        break;
                    case "--warmup":
                        options = options with { Warmup = ParseDuration(arg, Value(), TimeSpan.Zero, LoadOptions.MaxWarmup) };
                        break;
                    case "--timeout":
                        options = options with { Timeout = ParseDuration(arg, Value(), TimeSpan.Zero, LoadOptions.MaxTimeout) };
                        break;
                    case "--sockets":
                        options = options with { Sockets = ParseInt(arg, Value(), 1, LoadOptions.MaxSockets) };
                        break;
                    case "--receive":
                        options = options with
                        {
                            Receive = Value() switch
                            {
                                "threads" => ReceiveMode.Threads,
                                "inline" => ReceiveMode.Inline,
                                var other => throw new ArgumentException($"--receive is threads or inline, not '{other}'"),
                            },
                        };
                        break;
                    case "--source":
                        options = options with { Source = ParseAddress(arg, Value()) };
                        break;
                    case "--eid-prefix":
                        var text = Value();
                        prefixes.Add(EidPrefix.TryParse(text, out var prefix) ? prefix : throw new ArgumentException($"--eid-prefix '{text}' is not a prefix (10.1.0.0/16, 2001:db8::/32)"));
                        break;
                    case "--eids":
                        options = options with { EidFile = Value() };
                        break;
                    case "--dataset":
                        options = options with { Dataset = true };
                        break;
                    case "--fragment":
                        options = options with { Fragment = true };
                        break;
                    case "--cache":
                        options = options with { CacheDirectory = Value() };
                        break;
                    case "--prefix-length":
                        options = options with { PrefixLength = ParseInt(arg, Value(), 0, 128) };
                        break;
                    case "--prefixes":
                        options = options with { PrefixCount = ParseInt(arg, Value(), 1, LoadOptions.MaxPrefixes) };
                        break;
                    case "--key":
                        options = options with { Key = Value() };
                        break;
                    case "--key-id":
                        options = options with { KeyId = (byte)ParseInt(arg, Value(), 0, byte.MaxValue) };
                        break;
                    case "--alg":
                        options = options with
                        {
                            Algorithm = Value() switch
                            {
                                "sha1" => AuthAlgorithm.HmacSha1_96,
                                "sha256" => AuthAlgorithm.HmacSha256_128,
                                var other => throw new ArgumentException($"--alg is sha1 or sha256, not '{other}'"),
                            },
                        };
                        break;
                    case "--notify-fraction":
                        options = options with { NotifyFraction = ParseFraction(arg, Value()) };
                        break;
                    case "--proxy-reply":
                        options = options with { ProxyReply = true };
                        break;
                    case "--rloc":
                        options = options with { Rloc = ParseAddress(arg, Value()) };
                        break;
                    case "--register-first":
                        options = options with { RegisterFirst = ParseInt(arg, Value(), 1, LoadOptions.MaxPrefixes) };
                        break;
                    case "--ddt":
                        options = options with { DdtOriginated = true };
                        break;
                    case "--node-api":
                        options = options with { NodeApi = ParseNodeApi(arg, Value()) };
                        break;
                    case "--json":
                        options = options with { JsonPath = Value() };
                        break;
                    case "--seed":
                        options = options with { Seed = ParseInt(arg, Value(), 0, int.MaxValue) };
                        break;
                    case "--quiet":
                        options = options with { Quiet = true };
                        break;
                    default:
                        throw new ArgumentException($"unknown option '{arg}'");
                }
            }

            if (options.Help)
            {
                return true;
            }

            options = options with
            {
                Target = ParseTarget(target),
                Mode = mode ?? throw new ArgumentException("missing --mode request|ecm|register"),
                EidPrefixes = prefixes,
            };
            Check(options, args);
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Rules between options, after each has parsed.</summary>
    private static void Check(LoadOptions o, string[] args)
    {
        var sources = (o.EidPrefixes.Count > 0 ? 1 : 0) + (o.EidFile is not null ? 1 : 0) + (o.Dataset ? 1 : 0);
        Require(sources == 1, "give the EIDs with one of --eid-prefix PREFIX, --eids FILE or --dataset");
        Require(o.MeasuredMessages >= 1, $"--rate {o.Rate} for --duration {o.Duration.TotalSeconds:0.###}s sends no message");
        var registers = o.Mode == LoadMode.Register || o.RegisterFirst > 0;
        Require(!registers || o.Key is { Length: > 0 }, "registers need the site's --key SECRET (and --key-id, --alg if not 0 and sha256)");
        Require(o.Mode == LoadMode.Register || !args.Contains("--notify-fraction"), "--notify-fraction applies to --mode register");
        Require(o.Mode == LoadMode.Register || !o.ProxyReply, "--proxy-reply applies to --mode register (--register-first always sets it)");
        Require(o.Mode != LoadMode.Register || o.RegisterFirst == 0, "--register-first applies to --mode request or ecm");
        Require(o.Mode == LoadMode.Ecm || !o.DdtOriginated, "--ddt applies to --mode ecm");
        Require(o.Dataset || !o.Fragment, "--fragment applies to --dataset");
        Require(o.Source is null || o.Source.AddressFamily == o.Target.AddressFamily, "--source must be of the target's address family");
        Require(o.PrefixCount is null || o.RegisterFirst <= o.PrefixCount, $"--register-first {o.RegisterFirst} is more than --prefixes {o.PrefixCount}");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }

    private static IPEndPoint ParseTarget(string? text)
    {
        if (text is null)
        {
            throw new ArgumentException("missing --target ADDRESS[:PORT]");
        }

        return EndpointText.TryParse(text, UdpEndpointHost.DefaultPort, out var endpoint) && endpoint.Port > 0
            ? endpoint
            : throw new ArgumentException($"--target '{text}' is not an address (127.0.0.1, 127.0.0.1:4342, ::1, [::1]:4342)");
    }

    /// <summary>"127.0.0.1:9242" (as <c>loci show --api</c>), "http://127.0.0.1:9242" or the whole URL of the runtime view.</summary>
    internal static Uri ParseNodeApi(string option, string text)
    {
        const string view = "/api/runtime";
        if (EndpointText.TryParse(text, 0, out var endpoint) && endpoint.Port > 0)
        {
            return new Uri($"http://{endpoint}{view}");
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0)
        {
            return uri.AbsolutePath.EndsWith(view, StringComparison.Ordinal) ? uri : new Uri(uri, uri.AbsolutePath.TrimEnd('/') + view);
        }

        throw new ArgumentException($"{option} '{text}' is not a node API (127.0.0.1:9242, [::1]:9242, http://127.0.0.1:9242)");
    }

    /// <summary>"50000", "50k", "1.5M", with an optional "/s".</summary>
    internal static long ParseRate(string option, string text)
    {
        var number = text.EndsWith("/s", StringComparison.Ordinal) ? text[..^2] : text;
        var scale = 1.0;
        if (number.EndsWith('k') || number.EndsWith('K'))
        {
            (number, scale) = (number[..^1], 1e3);
        }
        else if (number.EndsWith('M'))
        {
            (number, scale) = (number[..^1], 1e6);
        }

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"{option} '{text}' is not a rate (100000, 100k, 1.5M, 100k/s)");
        }

        var rate = value * scale;
        if (rate < 1 || rate > LoadOptions.MaxRate)
        {
            throw new ArgumentException($"{option} {text} is out of range: 1 to {LoadOptions.MaxRate:N0} messages per second");
        }

        return (long)Math.Round(rate);
    }

    private static TimeSpan ParseDuration(string option, string text, TimeSpan min, TimeSpan max)
    {
        if (!DurationText.TryParse(text, out var duration))
        {
            throw new ArgumentException($"{option} '{text}' is not a duration (500ms, 5s, 2m)");
        }

        return duration >= min && duration <= max
            ? duration
            : throw new ArgumentException($"{option} {text} is out of range: {(min == TimeSpan.Zero ? "0" : "more than 0")} to {Describe(max)}");
    }

    private static string Describe(TimeSpan span) => span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0} min" : $"{span.TotalSeconds:0} s";

    private static int ParseInt(string option, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{option} needs a whole number from {min:N0} to {max:N0}, got '{text}'");

    private static double ParseFraction(string option, string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f) && f is >= 0 and <= 1
            ? f
            : throw new ArgumentException($"{option} needs a fraction from 0 to 1, got '{text}'");

    private static IPAddress ParseAddress(string option, string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new ArgumentException($"{option} '{text}' is not an IPv4 or IPv6 address");
}
