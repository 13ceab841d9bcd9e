using Loci.Bench.Load;

namespace Loci.Tests.Bench;

public class LoadOptionsTests
{
    private static readonly string[] Minimal = ["--target", "127.0.0.1", "--mode", "request", "--eid-prefix", "10.0.0.0/8"];

    [Theory]
    [InlineData("--rate", "3M")]
    [InlineData("--rate", "2000001")]
    [InlineData("--rate", "0")]
    [InlineData("--rate", "fast")]
    [InlineData("--duration", "11m")]
    [InlineData("--duration", "0s")]
    [InlineData("--warmup", "2m")]
    [InlineData("--timeout", "1h")]
    [InlineData("--sockets", "0")]
    [InlineData("--sockets", "65")]
    [InlineData("--notify-fraction", "0.5")]
    [InlineData("--proxy-reply")]
    [InlineData("--ddt")]
    [InlineData("--register-first", "4")]
    [InlineData("--eids", "also.txt")]
    [InlineData("--dataset")]
    [InlineData("--fragment")]
    [InlineData("--source", "::1")]
    [InlineData("--alg", "md5")]
    [InlineData("--receive", "sometimes")]
    [InlineData("--frobnicate")]
    [InlineData("--rate")]
    [InlineData("--prefix-length", "4")]
    [InlineData("--prefix-length", "24", "--prefixes", "4", "--register-first", "5", "--key", "k")]
    [InlineData("--eid-prefix", "[1000]10.0.0.0/8")]
    [InlineData("--node-api", "127.0.0.1")]
    [InlineData("--node-api", "localhost:9242")]
    [InlineData("--node-api", "ftp://127.0.0.1:9242/")]
    [InlineData("--node-api")]
    public void Run_BadCommandLine_Exit2NamingTheProblem(params string[] extra)
    {
        var (code, _, errors) = BenchTarget.Run([.. Minimal, .. extra]);

        Assert.Equal(2, code);
        Assert.StartsWith("loci bench load: ", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mode", "request", "--eid-prefix", "10.0.0.0/8")]
    [InlineData("--target", "127.0.0.1", "--eid-prefix", "10.0.0.0/8")]
    [InlineData("--target", "127.0.0.1", "--mode", "query", "--eid-prefix", "10.0.0.0/8")]
    [InlineData("--target", "127.0.0.1", "--mode", "request")]
    [InlineData("--target", "127.0.0.1", "--mode", "register", "--eid-prefix", "10.0.0.0/8")]
    [InlineData("--target", "example.net", "--mode", "request", "--eid-prefix", "10.0.0.0/8")]
    [InlineData("--target", "127.0.0.1", "--mode", "request", "--eid-prefix", "10.0.0.0/8", "--rate", "1", "--duration", "100ms")]
    public void Run_MissingOrContradictoryOptions_Exit2(params string[] args) =>
        Assert.Equal(2, BenchTarget.Run(args).Code);

    [Fact]
    public void Run_RateAboveTheBound_SaysTheBound()
    {
        var (_, _, errors) = BenchTarget.Run([.. Minimal, "--rate", "3M"]);
        Assert.Contains("1 to 2,000,000 messages per second", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_PrintsUsageExit0()
    {
        var (code, output, _) = BenchTarget.Run("--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: loci bench load --target", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EidFileMissing_Exit3()
    {
        var (code, _, errors) = BenchTarget.Run("--target", "127.0.0.1", "--mode", "request", "--eids", "/nonexistent/eids.txt");
        Assert.Equal(3, code);
        Assert.Contains("cannot read the EIDs", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EidFileWithABadLine_Exit2NamingTheLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"loci-bench-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, ["10.1.0.0/24", "10.1.0.300"]);
        try
        {
            var (code, _, errors) = BenchTarget.Run("--target", "127.0.0.1", "--mode", "request", "--eids", path);
            Assert.Equal(2, code);
            Assert.Contains($"{path}:2: '10.1.0.300'", errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_SourceAddressNotOnThisHost_Exit3()
    {
        var (code, _, errors) = BenchTarget.Run([.. Minimal, "--source", "192.0.2.123"]);
        Assert.Equal(3, code);
        Assert.Contains("cannot open sockets", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100000", 100_000)]
    [InlineData("100k", 100_000)]
    [InlineData("1.5M", 1_500_000)]
    [InlineData("50k/s", 50_000)]
    public void ParseRate_CommonForms(string text, long expected) =>
        Assert.Equal(expected, LoadOptionsParser.ParseRate("--rate", text));

    [Theory]
    [InlineData("127.0.0.1:9242", "http://127.0.0.1:9242/api/runtime")]
    [InlineData("[::1]:9242", "http://[::1]:9242/api/runtime")]
    [InlineData("http://127.0.0.1:9242", "http://127.0.0.1:9242/api/runtime")]
    [InlineData("http://node.example:9242/", "http://node.example:9242/api/runtime")]
    [InlineData("http://127.0.0.1:9242/api/runtime", "http://127.0.0.1:9242/api/runtime")]
    public void ParseNodeApi_AnEndpointOrAUrl_TheRuntimeView(string text, string expected) =>
        Assert.Equal(new Uri(expected), LoadOptionsParser.ParseNodeApi("--node-api", text));

    [Fact]
    public void Run_BadNodeApi_NamesTheOption()
    {
        var (_, _, errors) = BenchTarget.Run([.. Minimal, "--node-api", "localhost:9242"]);
        Assert.Contains("--node-api 'localhost:9242' is not a node API", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Defaults()
    {
        Assert.True(LoadOptionsParser.TryParse(Minimal, out var options, out _));
        Assert.Equal(10_000, options.Rate);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Warmup);
        Assert.Equal(4, options.Sockets);
        Assert.Equal(4342, options.Target.Port);
        Assert.Equal(50_000, options.MeasuredMessages);
        Assert.Equal(10_000, options.WarmupMessages);
        Assert.Null(options.NodeApi);
    }
}
