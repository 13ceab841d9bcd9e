using System.Net;
using System.Net.Sockets;
using Loci.ControlPlane;
using Loci.Transport;

namespace Loci.Tests.Node;

public class UdpEndpointHostTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void ReceiveAndSend_Loopback_RoundTrips(string address)
    {
        var ip = IPAddress.Parse(address);
        using var host = UdpEndpointHost.Bind(new IPEndPoint(ip, 0));
        Assert.NotEqual(0, host.LocalEndpoint.Port);
        host.Start((in InboundDatagram d) =>
        {
            Span<byte> reply = stackalloc byte[d.Payload.Length + 1];
            d.Payload.CopyTo(reply);
            reply[^1] = 0xEE;
            host.Send(d.Source, reply);
        });

        using var client = TestSockets.Client(ip);
        client.SendTo(new byte[] { 0x10, 1, 2, 3 }, host.LocalEndpoint);
        var (payload, from) = TestSockets.Receive(client, TimeSpan.FromSeconds(3));
        Assert.Equal(new byte[] { 0x10, 1, 2, 3, 0xEE }, payload);
        Assert.Equal(host.LocalEndpoint, from);
        Assert.Equal(1, host.Received);

        // The reply can reach the client before Send returns and counts it: wait, bounded.
        Assert.True(SpinWait.SpinUntil(() => host.Sent == 1, TimeSpan.FromSeconds(2)), $"sent {host.Sent}");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Bind_PortInUse_ThrowsNamingAddressAndPort(string address)
    {
        var ip = IPAddress.Parse(address);
        using var first = UdpEndpointHost.Bind(new IPEndPoint(ip, 0));
        var port = first.LocalEndpoint.Port;
        var error = Assert.Throws<EndpointBindException>(() => UdpEndpointHost.Bind(new IPEndPoint(ip, port)));
        Assert.Equal($"port {port} on {ip} is in use", error.Message);
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketError);
    }

    [Fact]
    public void Bind_AddressNotOnHost_ThrowsNamingAddress()
    {
        // 192.0.2.1 (TEST-NET-1) is never configured on a test machine.
        var error = Assert.Throws<EndpointBindException>(() => UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 0)));
        Assert.Contains("192.0.2.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("not available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_IPv6_IsV6Only()
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        Assert.Equal(AddressFamily.InterNetworkV6, host.AddressFamily);

        // The same port number on IPv4 is free: the IPv6 socket does not claim IPv4.
        using var v4 = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, host.LocalEndpoint.Port));
        Assert.Equal(host.LocalEndpoint.Port, v4.LocalEndpoint.Port);
    }

    [Fact]
    public void Receive_HandlerThrows_LoopContinues()
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        host.Start((in InboundDatagram d) =>
        {
            if (d.Payload[0] == 0xFF)
            {
                throw new InvalidOperationException("bad handler");
            }

            host.Send(d.Source, d.Payload);
        });

        using var client = TestSockets.Client(IPAddress.Loopback);
        client.SendTo(new byte[] { 0xFF }, host.LocalEndpoint);
        client.SendTo(new byte[] { 0x01 }, host.LocalEndpoint);
        var (payload, _) = TestSockets.Receive(client, TimeSpan.FromSeconds(3));
        Assert.Equal(new byte[] { 0x01 }, payload);
        Assert.Equal(1, host.HandlerErrors);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Send_DestinationsInTurn_EachDatagramReachesItsOwn(string address)
    {
        // One socket address per thread is rewritten for each send: alternating destinations must not mix.
        var ip = IPAddress.Parse(address);
        using var host = UdpEndpointHost.Bind(new IPEndPoint(ip, 0));
        using var a = TestSockets.Client(ip);
        using var b = TestSockets.Client(ip);
        var toA = (IPEndPoint)a.LocalEndPoint!;
        var toB = (IPEndPoint)b.LocalEndPoint!;
        host.Send(toA, [0xA1]);
        host.Send(toB, [0xB1]);
        host.Send(new IPEndPoint(toA.Address, toA.Port), [0xA2]);
        Assert.Equal(new byte[] { 0xA1 }, TestSockets.Receive(a, TimeSpan.FromSeconds(3)).Payload);
        Assert.Equal(new byte[] { 0xA2 }, TestSockets.Receive(a, TimeSpan.FromSeconds(3)).Payload);
        Assert.Equal(new byte[] { 0xB1 }, TestSockets.Receive(b, TimeSpan.FromSeconds(3)).Payload);
        Assert.Equal(3, host.Sent);
    }

    [Theory]
    [InlineData("127.0.0.1", "::1")]
    [InlineData("::1", "127.0.0.1")] // the IPv6 socket is V6ONLY: no IPv4 through it
    public void Send_OtherFamily_CountedAsSendErrorNotThrown(string local, string destination)
    {
        using var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
        host.Send(new IPEndPoint(IPAddress.Parse(destination), 9), [0x10]);
        Assert.Equal(1, host.SendErrors);
        Assert.Equal(0, host.Sent);
    }

    [Fact]
    public void Dispose_WhileReceiving_EndsPromptly()
    {
        var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        host.Start((in InboundDatagram _) => { });
        var started = Environment.TickCount64;
        host.Dispose();
        Assert.True(Environment.TickCount64 - started < 3000);
    }
}
