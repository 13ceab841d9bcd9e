using System.Net;
using System.Net.Sockets;
using Loci.Cli;
using Loci.Demo;

namespace Loci.Tests.Demo;

/// <summary>
/// `loci demo` end to end on loopback: ten nodes on fixed addresses, real UDP, the real roles. Both
/// tests bind 127.0.0.x:4342, so they live in one class (xUnit runs a class's tests one at a time).
/// </summary>
public class DemoTests
{
    [Fact]
    public void Run_DefaultTopology_EveryDocumentedAnswer()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = DemoCommand.Run([], output, errors);
        var text = output.ToString();
        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{text}\n{errors}");
        Assert.Contains("every answer is as documented", text, StringComparison.Ordinal);
        Assert.Equal(5, CountLines(text, "map-notify verified"));
        Assert.Equal(2, CountLines(text, "hmac-sha1"));
        Assert.Equal(3, CountLines(text, "hmac-sha256"));
        AssertLine(text, "10.1.0.7 ", "-> 10.1.0.0/24 [127.0.0.101 1/50, 127.0.0.102 1/50]", "from 127.0.0.101:4342");
        AssertLine(text, "10.2.0.7 ", "-> 10.2.0.0/24 [127.0.0.103 1/100]", "from 127.0.0.103:4342");
        AssertLine(text, "10.3.0.7 ", "-> 10.3.0.0/24 [127.0.0.104 1/100]", "from 127.0.0.21:4342");
        AssertLine(text, "2001:db8:1::7 ", "-> 2001:db8:1::/64 [127.0.0.101 1/100]", "from 127.0.0.101:4342");
        AssertLine(text, "lig over [::1]", "-> 2001:db8:1::/64 [127.0.0.101 1/100]", "site1's ETR answers");
        AssertLine(text, "10.1.200.1 ", "-> negative 10.1.128.0/17 natively-forward ttl 1 min", "from 127.0.0.30:4342");
        AssertLine(text, "10.9.0.1 ", "-> negative 10.8.0.0/13 natively-forward ttl 15 min", "from 127.0.0.30:4342");
        AssertLine(text, "192.0.2.1 ", "-> negative 128.0.0.0/1 natively-forward ttl 15 min", "from 127.0.0.30:4342");

        // The ITR's map-cache and the move of site2 (issue 5): SMR, SMR-invoked request, new locator.
        AssertLine(text, "10.2.0.0/24        127.0.0.103", "1/100 up", "from 127.0.0.103:4342");
        AssertLine(text, "before:", "10.2.0.0/24 [127.0.0.103 1/100]", "ttl 1440 min");
        // One SMR, or two when the ETR repeats it while the ITR holds its request back for the rate limit.
        Assert.Matches(@"ETR 127\.0\.0\.103 sent [12] SMR\(s\) to the ITR and re-registered; the ITR sent [12] SMR-invoked Map-Request\(s\)", text);
        AssertLine(text, "after:", "10.2.0.0/24 [127.0.0.105 1/100]", "updated in");
        Assert.DoesNotContain("UNEXPECTED", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PortTaken_SaysSoAndExitsNonZero()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.20"), 4342));
        var errors = new StringWriter();
        var exit = DemoCommand.Run([], new StringWriter(), errors);
        Assert.Equal(ExitCodes.IoError, exit);
        Assert.Contains("port 4342 on 127.0.0.20 is in use", errors.ToString(), StringComparison.Ordinal);

        // Everything bound before the failure was released: the demo runs once the port is free.
        squatter.Close();
        Assert.Equal(ExitCodes.Ok, DemoCommand.Run([], new StringWriter(), new StringWriter()));
    }

    private static void AssertLine(string text, string eid, string answer, string from)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.TrimStart().StartsWith(eid, StringComparison.Ordinal));
        Assert.True(line is not null, $"no line for {eid}\n{text}");
        Assert.Contains(answer, line, StringComparison.Ordinal);
        Assert.Contains(from, line, StringComparison.Ordinal);
    }

    private static int CountLines(string text, string fragment) =>
        text.Split('\n').Count(l => l.Contains(fragment, StringComparison.Ordinal));
}
