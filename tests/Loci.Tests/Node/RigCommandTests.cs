using System.Net;
using Loci.Diagnostics;
using Loci.Transport;
using Loci.Wire;

namespace Loci.Tests.Node;

public class RigCommandTests
{
    [Fact]
    public void Rig_FollowsNodeAndMsReferralsToMsAck()
    {
        // Three DDT responders on one port number, on 127.0.0.1, .2 and .3: referral locators carry no port.
        var (root, node, ms) = BindChain(
            Referral(ReferralAction.NodeReferral, "10.0.0.0", 8, "127.0.0.2"),
            Referral(ReferralAction.MsReferral, "10.1.0.0", 16, "127.0.0.3"),
            Referral(ReferralAction.MsAck, "10.1.0.0", 24, null));
        using (root)
        using (node)
        using (ms)
        {
            var (code, output, _) = LigCommandTests.Run(RigCommand.Run, "10.1.0.7", "--ddt", "127.0.0.1", "--port", root.Port, "--timeout", "2s");

            Assert.Equal(0, code);
            Assert.Matches($@"\[1\] 127\.0\.0\.1:{root.Port}  node-referral  10\.0\.0\.0/8  rtt", output);
            Assert.Contains("referral 127.0.0.2  priority 1 weight 100", output, StringComparison.Ordinal);
            Assert.Matches($@"\[2\] 127\.0\.0\.2:{root.Port}  ms-referral  10\.1\.0\.0/16", output);
            Assert.Matches($@"\[3\] 127\.0\.0\.3:{root.Port}  ms-ack  10\.1\.0\.0/24", output);
            Assert.True(ms.Role.LastRequest!.DdtOriginated);
        }
    }

    [Fact]
    public void Rig_DelegationHole_StopsWithExit0()
    {
        using var root = new FakeResponder(new IPEndPoint(IPAddress.IPv6Loopback, 0), (_, request) =>
            new MapReferral(request.Nonce, new[] { new ReferralRecord(InetAddress.Parse("10.9.0.0"), 16, 15, ReferralAction.DelegationHole, []) }));

        var (code, output, _) = LigCommandTests.Run(RigCommand.Run, "10.9.0.1", "--ddt", $"[::1]:{root.Port}");

        Assert.Equal(0, code);
        Assert.Contains("delegation-hole  10.9.0.0/16", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rig_ReferralToItself_ReportsLoop()
    {
        using var root = new FakeResponder(new IPEndPoint(IPAddress.Loopback, 0), (_, request) =>
            new MapReferral(request.Nonce, new[] { new ReferralRecord(InetAddress.Parse("10.0.0.0"), 8, 15, ReferralAction.NodeReferral, new[] { new LocatorRecord(InetAddress.Parse("127.0.0.1")) }) }));

        var (code, output, _) = LigCommandTests.Run(RigCommand.Run, "10.1.0.7", "--ddt", "127.0.0.1", "--port", root.Port);

        Assert.Equal(1, code);
        Assert.Contains("Referral loop", output, StringComparison.Ordinal);
        Assert.Equal(1, root.Role.Requests);
    }

    [Fact]
    public void Rig_Silence_TimesOut()
    {
        using var root = new FakeResponder(new IPEndPoint(IPAddress.Loopback, 0), (_, _) => null);
        var (code, output, _) = LigCommandTests.Run(RigCommand.Run, "10.1.0.7", "--ddt", "127.0.0.1", "--port", root.Port, "--timeout", "200ms");
        Assert.Equal(1, code);
        Assert.Contains("no map-referral within", output, StringComparison.Ordinal);
    }

    private static Func<MapRequest, LispMessage> Referral(ReferralAction action, string prefix, byte length, string? rloc) => request =>
        new MapReferral(request.Nonce, new[]
        {
            new ReferralRecord(InetAddress.Parse(prefix), length, 1440, action, rloc is null ? [] : new[] { new LocatorRecord(InetAddress.Parse(rloc)) }),
        });

    private static (FakeResponder Root, FakeResponder Node, FakeResponder Ms) BindChain(
        Func<MapRequest, LispMessage> root,
        Func<MapRequest, LispMessage> node,
        Func<MapRequest, LispMessage> ms)
    {
        for (var attempt = 0; ; attempt++)
        {
            var first = new FakeResponder(new IPEndPoint(IPAddress.Loopback, 0), (_, r) => root(r));
            var port = first.Endpoint.Port;
            try
            {
                var second = new FakeResponder(new IPEndPoint(IPAddress.Parse("127.0.0.2"), port), (_, r) => node(r));
                try
                {
                    return (first, second, new FakeResponder(new IPEndPoint(IPAddress.Parse("127.0.0.3"), port), (_, r) => ms(r)));
                }
                catch (EndpointBindException) when (attempt < 5)
                {
                    second.Dispose();
                    throw;
                }
            }
            catch (EndpointBindException) when (attempt < 5)
            {
                first.Dispose();
            }
        }
    }
}
