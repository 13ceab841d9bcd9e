using System.Net;
using Loci.Diagnostics;
using Loci.Wire;

namespace Loci.Tests.Node;

public class LigCommandTests
{
    [Fact]
    public void Lig_PositiveReplyOverIPv4_PrintsWhoRecordAndLocators()
    {
        using var responder = new FakeResponder(new IPEndPoint(IPAddress.Loopback, 0), (_, request) =>
            new MapReply(request.Nonce, new[]
            {
                new EidRecord(InetAddress.Parse("10.1.0.0"), 24, 1440, new[]
                {
                    new LocatorRecord(InetAddress.Parse("127.0.0.101"), 1, 50),
                    new LocatorRecord(InetAddress.Parse("127.0.0.102"), 1, 50),
                }, authoritative: true),
            }));

        var (code, output, _) = Run(LigCommand.Run, "10.1.0.7", "--mr", "127.0.0.1", "--port", responder.Port, "--timeout", "2s");

        Assert.Equal(0, code);
        Assert.Contains($"Received map-reply from 127.0.0.1:{responder.Port} with rtt", output, StringComparison.Ordinal);
        Assert.Contains("10.1.0.0/24  ttl 1440 min  auth", output, StringComparison.Ordinal);
        Assert.Matches(@"127\.0\.0\.101\s+up\s+1/50", output);
        Assert.Matches(@"127\.0\.0\.102\s+up\s+1/50", output);
        var ecm = responder.Role.LastRequest!;
        Assert.False(ecm.DdtOriginated);
        Assert.Equal(IPAddress.Parse("10.1.0.7"), ecm.InnerDestination);
    }

    [Fact]
    public void Lig_IPv6EidOverIPv6_PrintsRecord()
    {
        using var responder = new FakeResponder(new IPEndPoint(IPAddress.IPv6Loopback, 0), (_, request) =>
            new MapReply(request.Nonce, new[]
            {
                new EidRecord(InetAddress.Parse("2001:db8:1::"), 64, 60, new[] { new LocatorRecord(InetAddress.Parse("127.0.0.101"), 1, 100) }),
            }));

        var (code, output, _) = Run(LigCommand.Run, "2001:db8:1::7", "--mr", $"[::1]:{responder.Port}", "--count", "2");

        Assert.Equal(0, code);
        Assert.Equal(2, responder.Role.Requests);
        Assert.Contains($"Received map-reply from [::1]:{responder.Port}", output, StringComparison.Ordinal);
        Assert.Contains("2001:db8:1::/64  ttl 60 min", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Lig_IPv6EidOverIPv4_Works()
    {
        using var responder = new FakeResponder(new IPEndPoint(IPAddress.Loopback, 0), (ecm, request) =>
            new MapReply(request.Nonce, new[] { new EidRecord(new InetAddress(ecm.InnerDestination), 128, 1, []) { Action = MapReplyAction.NativelyForward } }));

        var (code, output, _) = Run(LigCommand.Run, "2001:db8:9::1", "--mr", "127.0.0.1", "--port", responder.Port);

        Assert.Equal(0, code);
        Assert.Contains("2001:db8:9::1/128  ttl 1 min  non-auth  negative, action natively-forward", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Lig_Silence_TimesOutWithExit1()
    {
        using var responder = new FakeResponder(new IPEndPoint(IPAddress.Loopback, 0), (_, _) => null);

        var (code, output, _) = Run(LigCommand.Run, "10.1.0.7", "--mr", "127.0.0.1", "--port", responder.Port, "--timeout", "300ms");

        Assert.Equal(1, code);
        Assert.Contains("No map-reply received within 300.000 ms", output, StringComparison.Ordinal);
        Assert.Equal(1, responder.Role.Requests);
    }

    [Theory]
    [InlineData("10.1.0.7")]
    [InlineData("--mr", "127.0.0.1")]
    [InlineData("not-an-eid", "--mr", "127.0.0.1")]
    [InlineData("10.1.0.7", "--mr", "127.0.0.1", "--timeout", "never")]
    public void Lig_BadArguments_Exit2WithUsage(params string[] args)
    {
        var (code, _, errors) = Run(LigCommand.Run, args);
        Assert.Equal(2, code);
        Assert.Contains("usage: loci lig", errors, StringComparison.Ordinal);
    }

    internal static (int Code, string Output, string Errors) Run(Func<string[], TextWriter, TextWriter, int> command, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = command(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
