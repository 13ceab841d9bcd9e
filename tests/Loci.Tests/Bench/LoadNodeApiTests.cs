using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Loci.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Loci.Tests.Bench;

/// <summary>
/// <c>loci bench load --node-api</c>: the node's runtime figures read around the measured phase (short
/// bounded runs, 200/s), and a completed run with <c>node.error</c> when the API is not there.
/// </summary>
public class LoadNodeApiTests
{
    [Fact]
    public async Task NodeApi_LiveNode_ReportsCollectionsAllocationAndMemory()
    {
        using var target = new BenchTarget();

        // The runtime view is the process's, whatever roles the API is given.
        await using var api = await NodeApi.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), []);

        var (code, output, errors) = BenchTarget.Run(
            "--target", target.Address, "--mode", "request", "--rate", "200", "--duration", "1s", "--warmup", "200ms",
            "--eid-prefix", "10.1.0.0/16", "--prefix-length", "24", "--prefixes", "4", "--register-first", "4",
            "--key", "site-key", "--node-api", api.Endpoint.ToString(), "--quiet");

        Assert.True(code == 0, errors);
        var json = BenchTarget.Json(output);
        var node = json.GetProperty("node");
        Assert.False(node.TryGetProperty("error", out var error), error.ToString());
        Assert.Equal($"http://{api.Endpoint}/api/runtime", node.GetProperty("api").GetString());
        var collections = node.GetProperty("gc_collections");
        Assert.All(["gen0", "gen1", "gen2"], gen => Assert.True(collections.GetProperty(gen).GetInt32() >= 0, gen));

        // The map-server's replies and the API's own reading allocate: the difference is never 0.
        var allocated = node.GetProperty("allocated_bytes").GetInt64();
        var sent = json.GetProperty("sent").GetInt64();
        Assert.True(allocated > 0, $"allocated {allocated}");
        Assert.Equal(Math.Round((double)allocated / sent, 1), node.GetProperty("allocated_bytes_per_message").GetDouble());
        Assert.True(node.GetProperty("api_reading_bytes").GetInt64() > 0);
        Assert.True(node.GetProperty("gc_pause_ms").GetDouble() >= 0);
        Assert.True(node.GetProperty("working_set_bytes").GetInt64() > 0);
        Assert.True(node.GetProperty("heap_bytes").GetInt64() > 0);
        Assert.Matches(@"node gc      gen0 [\d,]+  gen1 [\d,]+  gen2 [\d,]+ collections", output);
        Assert.Matches(@"node alloc   [1-9][\d,]* B allocated, [\d,.]+ B per message sent", output);
        Assert.Contains("node memory  working set ", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The readings frame the measured phase: an API that notes how many datagrams the target had
    /// received at each request sees the warm-up's (none without warm-up) before, and every one after.
    /// </summary>
    [Theory]
    [InlineData("0", 0)]
    [InlineData("1s", 200)]
    public async Task NodeApi_ReadJustBeforeAndAfterTheMeasuredPhase(string warmup, int warmupMessages)
    {
        using var target = new CountingTarget();
        var seen = new List<long>();
        await using var api = await StartApiAsync(() =>
        {
            lock (seen)
            {
                seen.Add(target.Received);
            }
        });

        var (code, output, errors) = BenchTarget.Run(
            "--target", target.Address, "--mode", "request", "--rate", "200", "--duration", "1s", "--warmup", warmup,
            "--timeout", "300ms", "--eid-prefix", "10.1.0.0/16", "--node-api", api.Urls.Single() + "/", "--quiet");

        Assert.True(code == 0, errors);
        var json = BenchTarget.Json(output);
        Assert.False(json.GetProperty("node").TryGetProperty("error", out var error), error.ToString());

        // Three readings before the run (connection and the cost of a reading), then before and after.
        Assert.Equal(5, seen.Count);
        Assert.All(seen.Take(3), received => Assert.Equal(0, received));
        // Started a round trip and a few ms early: after most of the warm-up (a busy machine, as under
        // the parallel test run, may start it earlier still) and before all but the first measured messages.
        var sent = json.GetProperty("sent").GetInt64();
        Assert.InRange(seen[3], warmupMessages / 2, warmupMessages + 20);
        Assert.Equal(target.Received, seen[4]);
        Assert.InRange(seen[4] - seen[3], sent - 20, sent + warmupMessages);
    }

    [Fact]
    public void NodeApi_NothingListening_RunCompletesWithNodeError()
    {
        using var target = new BenchTarget();
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var unused = ((IPEndPoint)probe.LocalEndPoint!).ToString();
        probe.Close();

        var (code, output, errors) = BenchTarget.Run(
            "--target", target.Address, "--mode", "request", "--rate", "200", "--duration", "1s", "--warmup", "0",
            "--eid-prefix", "10.1.0.0/16", "--node-api", unused, "--quiet");

        Assert.True(code == 0, errors);
        var json = BenchTarget.Json(output);
        Assert.Equal(200, json.GetProperty("sent").GetInt64() + json.GetProperty("generator_lag").GetProperty("skipped").GetInt64());
        Assert.Equal(json.GetProperty("sent").GetInt64(), json.GetProperty("answered").GetInt64());
        var node = json.GetProperty("node");
        Assert.StartsWith($"cannot reach http://{unused}/api/runtime", node.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(node.TryGetProperty("allocated_bytes", out _));
        Assert.Contains("node         no runtime figures: cannot reach", output, StringComparison.Ordinal);
        Assert.Contains("warning: --node-api: cannot reach", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeApi_ListenerThatNeverAnswers_GivesUpAfterTwoSeconds()
    {
        using var target = new BenchTarget();
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // the kernel accepts connections; nobody ever reads or answers
        try
        {
            var clock = Stopwatch.StartNew();
            var (code, output, errors) = BenchTarget.Run(
                "--target", target.Address, "--mode", "request", "--rate", "200", "--duration", "500ms", "--warmup", "0",
                "--eid-prefix", "10.1.0.0/16", "--node-api", silent.LocalEndpoint.ToString()!, "--quiet");
            clock.Stop();

            Assert.True(code == 0, errors);
            Assert.Contains("did not answer within 2 s", BenchTarget.Json(output).GetProperty("node").GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6)); // one timeout, not one per reading
        }
        finally
        {
            silent.Stop();
        }
    }

    /// <summary>An API on an ephemeral loopback port whose /api/runtime calls <paramref name="onRead"/> and answers the real view.</summary>
    private static async Task<WebApplication> StartApiAsync(Action onRead)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/api/runtime", () =>
        {
            onRead();
            return Results.Json(RuntimeView.Read());
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>A UDP target that never answers and counts what it receives.</summary>
    private sealed class CountingTarget : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly Thread _reader;
        private long _received;
        private volatile bool _disposed;

        public CountingTarget()
        {
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _socket.ReceiveTimeout = 100;
            _reader = new Thread(Read) { IsBackground = true, Name = "counting-target" };
            _reader.Start();
        }

        public string Address => _socket.LocalEndPoint!.ToString()!;

        public long Received => Interlocked.Read(ref _received);

        public void Dispose()
        {
            _disposed = true;
            _reader.Join(TimeSpan.FromSeconds(5));
            _socket.Dispose();
        }

        private void Read()
        {
            var buffer = new byte[2048];
            while (!_disposed)
            {
                try
                {
                    _socket.Receive(buffer);
                    Interlocked.Increment(ref _received);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
                {
                    // Nothing for 100 ms: look at the flag again.
                }
            }
        }
    }
}
