using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Loci.ControlPlane;
using Loci.Transport;

namespace Loci.Tests.Node;

/// <summary>
/// <see cref="LocalDelivery"/>: a datagram a handler sends to another socket of the node reaches that
/// socket's handler in-process, on the sender's thread, after the sending handler returned; the rest
/// (other threads, overflow) goes through the kernel and still arrives.
/// </summary>
public class LocalDeliveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void HandlerSendsToNodeSocket_DeliveredInProcess_AfterTheHandlerReturned_FromTheSendersAddress()
    {
        var local = new LocalDelivery();
        using var a = Host(local);
        using var b = Host(local);
        using var client = TestSockets.Client(IPAddress.Loopback);
        var seenByB = new ConcurrentQueue<(string Text, IPEndPoint Source, string? Thread)>();
        var inA = 0;
        var nested = 0;
        IPEndPoint? clientEndpoint = null;
        a.Start((in InboundDatagram d) =>
        {
            if (Interlocked.Exchange(ref inA, 1) == 1)
            {
                Interlocked.Increment(ref nested);
            }

            var text = Encoding.ASCII.GetString(d.Payload);
            if (text == "ask")
            {
                a.Send(b.LocalEndpoint, "ping"u8);
                clientEndpoint = d.Source;
            }
            else if (text == "pong")
            {
                a.Send(clientEndpoint!, "done"u8);
            }

            Volatile.Write(ref inA, 0);
        });
        b.Start((in InboundDatagram d) =>
        {
            seenByB.Enqueue((Encoding.ASCII.GetString(d.Payload), d.Source, Thread.CurrentThread.Name));
            b.Send(d.Source, "pong"u8);
        });

        client.SendTo("ask"u8.ToArray(), a.LocalEndpoint);

        Assert.Equal("done", Encoding.ASCII.GetString(TestSockets.Receive(client, Wait).Payload));
        var (text, source, thread) = Assert.Single(seenByB);
        Assert.Equal("ping", text);
        Assert.Equal(a.LocalEndpoint, source);
        Assert.Equal($"loci udp {a.LocalEndpoint}", thread);
        Assert.Equal(2, local.Delivered);
        Assert.Equal(0, local.FellBack);
        Assert.Equal(0, nested);
        Assert.Equal(2, a.Received); // "ask" from the kernel, "pong" in-process
        Assert.Equal(1, b.Received);
    }

    [Fact]
    public void SendFromAThreadThatDoesNotDrain_GoesThroughTheKernel()
    {
        var local = new LocalDelivery();
        using var a = Host(local);
        using var b = Host(local);
        using var received = new CountdownEvent(1);
        string? thread = null;
        a.Start((in InboundDatagram _) => { });
        b.Start((in InboundDatagram _) =>
        {
            thread = Thread.CurrentThread.Name;
            received.Signal();
        });

        a.Send(b.LocalEndpoint, "from the test thread"u8);

        Assert.True(received.Wait(Wait));
        Assert.Equal($"loci udp {b.LocalEndpoint}", thread);
        Assert.Equal(0, local.Delivered);
    }

    [Fact]
    public void MoreThanTheFifoHolds_TheRestGoesThroughTheKernel_NothingLost()
    {
        const int Burst = LocalDelivery.Capacity + 36;
        var local = new LocalDelivery();
        using var a = Host(local);
        using var b = Host(local);
        using var client = TestSockets.Client(IPAddress.Loopback);
        using var received = new CountdownEvent(Burst);
        a.Start((in InboundDatagram _) =>
        {
            for (var i = 0; i < Burst; i++)
            {
                a.Send(b.LocalEndpoint, [(byte)i]);
            }
        });
        b.Start((in InboundDatagram _) => received.Signal());

        client.SendTo("go"u8.ToArray(), a.LocalEndpoint);

        Assert.True(received.Wait(Wait), $"{received.CurrentCount} of {Burst} datagrams missing");
        Assert.Equal(LocalDelivery.Capacity, local.Delivered);
        Assert.Equal(Burst - LocalDelivery.Capacity, local.FellBack);
    }

    [Fact]
    public void WildcardSocket_StaysOut_JoiningTwiceRefused()
    {
        var local = new LocalDelivery();
        using var egress = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Any, 0));
        using var b = Host(local);
        using var received = new CountdownEvent(1);
        egress.UseLocalDelivery(local);
        b.Start((in InboundDatagram _) => received.Signal());

        egress.Send(new IPEndPoint(IPAddress.Loopback, b.LocalEndpoint.Port), "x"u8);

        Assert.True(received.Wait(Wait));
        Assert.Equal(0, local.Delivered);
        Assert.Throws<InvalidOperationException>(() => b.UseLocalDelivery(local));
    }

    private static UdpEndpointHost Host(LocalDelivery local)
    {
        var host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        host.UseLocalDelivery(local);
        return host;
    }
}
