using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Loci.Tests.Bench;

/// <summary>
/// Short bounded runs (500/s for 1 s) of <c>loci bench load</c> against a real Loci map-server on
/// loopback: at that rate nothing may be lost, and the reply types must be what the map-server
/// answers. Messages the generator had to skip on a busy machine (generator lag) are never sent,
/// so counts derived from the schedule allow for them.
/// </summary>
public class LoadCommandTests
{
    private static readonly string[] JsonFields =
    [
        "mode", "target", "sockets", "offered_rate", "duration_s", "warmup_s", "measured_s", "sent", "send_rate",
        "expected_replies", "answered", "answered_rate", "loss_percent", "latency_us", "replies", "duplicates",
        "late", "stale", "unmatched", "send_errors", "generator_lag", "valid", "allocated_bytes", "prefixes",
    ];

    [Fact]
    public void Request_HalfThePrefixesRegisteredFirst_EveryRequestAnswered_PositiveOnlyForRegistered()
    {
        using var target = new BenchTarget();
        var jsonFile = Path.Combine(Path.GetTempPath(), $"loci-bench-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, errors) = BenchTarget.Run(
                "--target", target.Address, "--mode", "request", "--rate", "500", "--duration", "1s", "--warmup", "0",
                "--sockets", "2", "--eid-prefix", "10.1.0.0/16", "--prefix-length", "24", "--prefixes", "16",
                "--register-first", "8", "--key", "site-key", "--json", jsonFile);

            Assert.True(code == 0, errors);
            var json = BenchTarget.Json(output);
            Assert.All(JsonFields, field => Assert.True(json.TryGetProperty(field, out _), $"JSON lacks {field}"));
            Assert.Equal(json.ToString(), BenchTarget.Json(File.ReadAllText(jsonFile)).ToString());
            Assert.Equal(8, json.GetProperty("register_first").GetProperty("confirmed").GetInt32());
            Assert.Equal(8, target.MapServer.GetRegistrations().Count);
            var (sent, skipped) = AssertNothingLost(json, 500);
            var replies = json.GetProperty("replies");
            var positive = replies.GetProperty("positive").GetInt64();
            var negative = replies.GetProperty("negative").GetInt64();
            Assert.Equal(sent, positive + negative);

            // Message n asks for prefix n mod 16, registered when below 8: half, give or take a cycle.
            Assert.InRange(positive, (sent / 2) - 8 - skipped, (sent / 2) + 8 + skipped);
            Assert.Equal(0, replies.GetProperty("referral").GetInt64());
            Assert.Contains("answered ", output, StringComparison.Ordinal);
            Assert.Contains("registering 8 prefixes", errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(jsonFile);
        }
    }

    [Theory]
    [InlineData("threads")]
    [InlineData("inline")]
    public void Ecm_IPv4AndIPv6EidsFromAFile_AllRegistered_EveryReplyPositive(string receive)
    {
        using var target = new BenchTarget();
        var eids = Path.Combine(Path.GetTempPath(), $"loci-bench-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(eids, ["# two sites' worth", "10.1.0.0/24", "10.1.1.0/24  # second", "", "2001:db8:1::/64", "2001:db8:1:1::/64"]);
        try
        {
            var (code, output, errors) = BenchTarget.Run(
                "--target", target.Address, "--mode", "ecm", "--rate", "500", "--duration", "1s", "--warmup", "0",
                "--sockets", "3", "--eids", eids, "--register-first", "4", "--key", "site-key", "--receive", receive, "--quiet");

            Assert.True(code == 0, errors);
            var json = BenchTarget.Json(output);
            Assert.Equal("ecm", json.GetProperty("mode").GetString());
            Assert.Equal(receive, json.GetProperty("receive").GetString());
            Assert.Equal(4, json.GetProperty("prefixes").GetInt32());
            var (sent, _) = AssertNothingLost(json, 500);
            Assert.Equal(sent, json.GetProperty("replies").GetProperty("positive").GetInt64());
            Assert.DoesNotContain("measure ", errors, StringComparison.Ordinal); // --quiet: no progress line
        }
        finally
        {
            File.Delete(eids);
        }
    }

    [Theory]
    [InlineData("sha256", "0", "0.25")]
    [InlineData("sha1", "1", "0.05")]
    public void Register_NotifyFraction_ExactlyTheScheduledShareIsNotified(string algorithm, string keyId, string fraction)
    {
        using var target = new BenchTarget();

        var (code, output, errors) = BenchTarget.Run(
            "--target", target.Address, "--mode", "register", "--rate", "500", "--duration", "1s", "--warmup", "0",
            "--eid-prefix", "10.1.0.0/16", "--prefix-length", "24", "--prefixes", "32",
            "--key", "site-key", "--key-id", keyId, "--alg", algorithm, "--notify-fraction", fraction, "--proxy-reply");

        Assert.True(code == 0, errors);
        var json = BenchTarget.Json(output);
        var sent = json.GetProperty("sent").GetInt64();
        var skipped = json.GetProperty("generator_lag").GetProperty("skipped").GetInt64();
        var expected = json.GetProperty("expected_replies").GetInt64();
        var share = double.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expected, (long)(sent * share) - 1 - skipped, (long)(sent * share) + 1 + skipped);
        Assert.Equal(expected, json.GetProperty("answered").GetInt64());
        Assert.Equal(expected, json.GetProperty("replies").GetProperty("notify").GetInt64());
        Assert.Equal(0, json.GetProperty("loss_percent").GetDouble());
        Assert.Equal(algorithm, json.GetProperty("algorithm").GetString());

        // Every one of the 32 prefixes was registered, with the P bit.
        var registrations = target.MapServer.GetRegistrations();
        Assert.Equal(32, registrations.Count);
        Assert.All(registrations, r => Assert.True(r.ProxyReply));
    }

    [Fact]
    public void Register_WrongKey_NoNotifies_Loss100()
    {
        using var target = new BenchTarget();

        var (code, output, errors) = BenchTarget.Run(
            "--target", target.Address, "--mode", "register", "--rate", "500", "--duration", "300ms", "--warmup", "0",
            "--timeout", "300ms", "--eid-prefix", "10.1.0.0/24", "--key", "not-the-key", "--quiet");

        Assert.True(code == 0, errors);
        var json = BenchTarget.Json(output);
        Assert.Equal(100, json.GetProperty("loss_percent").GetDouble());
        Assert.Equal(0, json.GetProperty("answered").GetInt64());
        Assert.Empty(target.MapServer.GetRegistrations());
    }

    [Fact]
    public void SilentTarget_Loss100_RunEndsOnTime_JsonAloneOnStdout()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var clock = Stopwatch.StartNew();

        var (code, output, errors) = BenchTarget.Run(
            "--target", silent.LocalEndPoint!.ToString()!, "--mode", "request", "--rate", "500", "--duration", "1s",
            "--warmup", "200ms", "--timeout", "500ms", "--eid-prefix", "10.1.0.0/16", "--json", "-");

        clock.Stop();
        Assert.True(code == 0, errors);
        using var document = JsonDocument.Parse(output); // stdout holds the JSON alone
        var json = document.RootElement;
        Assert.Equal(100, json.GetProperty("loss_percent").GetDouble());
        Assert.Equal(0, json.GetProperty("answered").GetInt64());
        Assert.True(json.GetProperty("sent").GetInt64() > 0);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.7), TimeSpan.FromSeconds(4));
        Assert.Contains("loss         100.000 %", errors, StringComparison.Ordinal); // the table went to stderr
        Assert.Contains("loss so far", errors, StringComparison.Ordinal); // the progress line
    }

    /// <summary>Loss 0, every expected reply answered once, nothing stale or unmatched, and no allocation per message.</summary>
    private static (long Sent, long Skipped) AssertNothingLost(JsonElement json, long rate)
    {
        var sent = json.GetProperty("sent").GetInt64();
        var skipped = json.GetProperty("generator_lag").GetProperty("skipped").GetInt64();
        Assert.Equal(rate, sent + skipped + json.GetProperty("send_errors").GetInt64());
        Assert.Equal(sent, json.GetProperty("expected_replies").GetInt64());
        Assert.Equal(sent, json.GetProperty("answered").GetInt64());
        Assert.Equal(0, json.GetProperty("loss_percent").GetDouble());
        Assert.Equal(0, json.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, json.GetProperty("unmatched").GetInt64());
        var latency = json.GetProperty("latency_us");
        Assert.True(latency.GetProperty("p50").GetDouble() > 0);
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p99").GetDouble());
        Assert.True(latency.GetProperty("p99").GetDouble() <= latency.GetProperty("max").GetDouble());

        // Zero allocation per message: what the threads allocated is far below a byte per message.
        var allocated = json.GetProperty("allocated_bytes");
        Assert.InRange(allocated.GetProperty("sender").GetInt64() + allocated.GetProperty("receivers").GetInt64(), 0, 4096);
        return (sent, skipped);
    }
}
