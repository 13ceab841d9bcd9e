using System.Net;
using BenchmarkDotNet.Attributes;
using Loci.Transport;

namespace Loci.Benchmarks.Transport;

/// <summary>
/// The node's transport per datagram round trip (issue 6: no Gen0 collection at 50,000
/// Map-Requests/s, so 0 bytes per datagram): a client with four sockets on 127.0.0.1 (four sources,
/// taking turns) sends a batch of 1,000
/// 48-byte datagrams whose first byte is a Map-Request's to a <see cref="UdpEndpointHost"/>; its
/// receive thread copies each into the resolution queue of a <see cref="RoleRunner"/> (default
/// options: split queues, the registration thread ticking the timer every 50 ms), whose thread hands
/// it to <see cref="EchoRole"/>, which sends it back through an <see cref="EndpointGroup"/> and the
/// host, as the node's roles do. One operation is one round trip. <see cref="MemoryDiagnoserAttribute"/>
/// counts the whole process's allocations, so the figure covers the receive thread, the queue
/// threads and the send, and the client allocates nothing. <see cref="Window"/> is the number of
/// datagrams in flight: 1 leaves the queue empty after every datagram (its thread goes idle and is
/// signalled each time), 256 keeps a backlog in the queue.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[BenchmarkCategory("Transport")]
public class UdpEchoBenchmarks
{
    private const int Batch = 1_000;
    private const int WarmupBatches = 20;
    private UdpEndpointHost _host = null!;
    private RoleRunner _runner = null!;
    private EchoClient _client = null!;

    /// <summary>Datagrams sent and not yet echoed at any time.</summary>
    [Params(1, 32, 256)]
    public int Window { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = UdpEndpointHost.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var role = new EchoRole { Sender = new EndpointGroup([_host]) };
        _runner = new RoleRunner(role, [_host], new RoleRunnerOptions { Name = "echo" });
        _runner.Start();
        var payload = new byte[48];
        payload[0] = 0x10;
        for (var i = 1; i < payload.Length; i++)
        {
            payload[i] = (byte)i;
        }

        _client = new EchoClient(_host.LocalEndpoint, payload);
        if (RoundTrips() != Batch || !_client.LastEcho.SequenceEqual(payload) || _runner.ResolutionEnqueued != Batch)
        {
            throw new InvalidOperationException("The echo role did not answer every datagram through the resolution queue.");
        }

        // The queue keeps a buffer for each datagram of the deepest backlog it has seen (at most the
        // window): reach the steady state here, so the run measures per datagram, not the first backlog.
        for (var i = 0; i < WarmupBatches; i++)
        {
            RoundTrips();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runner.Dispose();
        _host.Dispose();
        _client.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int RoundTrips() => _client.Exchange(Batch, Window);
}
