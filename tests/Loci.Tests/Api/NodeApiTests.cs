using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Loci.Api;
using Loci.Cli;
using Loci.Config;
using Loci.Node;
using Loci.Wire;

namespace Loci.Tests.Api;

/// <summary>The management API and `loci show` against a running map-server on loopback (ephemeral ports).</summary>
public class NodeApiTests
{
    [Fact]
    public async Task ShowRegistrations_AfterSignedRegister_ListsPrefixAndLocators()
    {
        var config = NodeConfigLoader.Parse("""
            { "map_server": { "bind": ["127.0.0.1:0"], "eid_space": ["10.0.0.0/8"],
              "sites": [ { "name": "s1", "prefixes": ["10.1.0.0/16"], "accept_more_specifics": true,
                           "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "k" } ] } ] } }
            """);
        using var node = LociNode.Start(config, TimeProvider.System);
        await using var api = await NodeApi.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), [node]);
        var server = node.MapServer!.LocalEndpoint;

        using var key = AuthenticationKey.FromPassword("k");
        var register = new MapRegister(7, new[] { new EidRecord(InetAddress.Parse("10.1.2.0"), 24, 3, new[] { new LocatorRecord(InetAddress.Parse("192.0.2.9"), 1, 100) }, authoritative: true) })
        {
            WantMapNotify = true,
        };
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveTimeout = 3000;
        socket.SendTo(register.ToSignedArray(key), server);
        var buffer = new byte[1500];
        var length = socket.Receive(buffer);
        Assert.Equal(AuthResult.Valid, key.Verify(buffer.AsSpan(0, length)));

        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, ShowCommand.Run(["registrations", "--json", "--api", api.Endpoint.ToString()], output, new StringWriter()));
        using var json = JsonDocument.Parse(output.ToString());
        var registration = Assert.Single(json.RootElement.EnumerateArray().ToArray());
        Assert.Equal("10.1.2.0/24", registration.GetProperty("prefix").GetString());
        Assert.Equal("s1", registration.GetProperty("site").GetString());
        Assert.Equal("192.0.2.9", registration.GetProperty("locators")[0].GetProperty("rloc").GetString());

        var stats = new StringWriter();
        Assert.Equal(ExitCodes.Ok, ShowCommand.Run(["stats", "--api", api.Endpoint.ToString()], stats, new StringWriter()));
        Assert.Contains("registers_accepted=1", stats.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Show_NoNodeListening_ClearErrorExit3()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var unused = ((IPEndPoint)probe.LocalEndPoint!).ToString();
        probe.Close();
        var errors = new StringWriter();
        Assert.Equal(ExitCodes.IoError, ShowCommand.Run(["sites", "--api", unused], new StringWriter(), errors));
        Assert.Contains("no node API at", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UnknownView_Usage() =>
        Assert.Equal(ExitCodes.Usage, ShowCommand.Run(["everything"], new StringWriter(), new StringWriter()));
}
