using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Loci.Wire;

namespace Loci.Bench.SeedEval;

/// <summary>
/// The node Fig. 6 measures: <c>loci run</c> as a child process (on core 0 when pinned) with one
/// Map-Server site that accepts any IPv4 prefix, on a free loopback port; the API on an ephemeral
/// port so it cannot collide with another node. Ready when it answers a Map-Request.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    public const string SiteKey = "seed-eval-key";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly LociProcess _process;
    private readonly string _configPath;

    private NodeProcess(LociProcess process, string configPath, IPEndPoint endpoint)
    {
        _process = process;
        _configPath = configPath;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    public string CommandLine => _process.CommandLine;

    /// <exception cref="InvalidOperationException">The node exited or did not answer in time; the message holds its stderr.</exception>
    public static NodeProcess Start(CorePinning pinning, string workDirectory)
    {
        ArgumentNullException.ThrowIfNull(pinning);
        var endpoint = new IPEndPoint(IPAddress.Loopback, FreeUdpPort());
        var configPath = Path.Combine(workDirectory, "fig6-node.json");
        File.WriteAllText(configPath, Config(endpoint));
        var process = LociProcess.Start(pinning.Prefix(CorePinning.NodeCore), ["run", "--config", configPath, "--log-level", "warning"]);
        var node = new NodeProcess(process, configPath, endpoint);
        try
        {
            node.WaitUntilAnswering();
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    /// <summary>Node configuration: everything IPv4 is the site's, so the generator's prefixes need no list.</summary>
    public static string Config(IPEndPoint endpoint) => string.Create(CultureInfo.InvariantCulture, $$"""
        { "api": "127.0.0.1:0",
          "map_server": { "bind": ["{{endpoint}}"],
            "sites": [ { "name": "seed-eval", "prefixes": ["0.0.0.0/0"], "accept_more_specifics": true,
                         "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "{{SiteKey}}" } ] } ] } }
        """);

    public void Dispose()
    {
        _process.Dispose();
        File.Delete(_configPath);
    }

    private void WaitUntilAnswering()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveTimeout = 200;
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var request = new MapRequest(1, LispAddress.None, new LispAddress[] { new InetAddress(local.Address) }, new[] { new MapRequestRecord(InetAddress.Parse("10.0.0.1"), 32) }).ToArray();
        var buffer = new byte[1500];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the node exited at start ({_process.CommandLine}): {_process.Errors().Trim()}");
            }

            socket.SendTo(request, Endpoint);
            try
            {
                if (socket.Receive(buffer) > 0)
                {
                    return;
                }
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.ConnectionReset or SocketError.WouldBlock)
            {
                // Not listening yet.
            }
        }

        throw new InvalidOperationException($"the node did not answer a Map-Request within {StartTimeout.TotalSeconds:0} s ({_process.CommandLine}): {_process.Errors().Trim()}");
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
