using System.Net;
using System.Text.Json;
using Loci.Bench.Load;
using Loci.Config;
using Loci.Node;

namespace Loci.Tests.Bench;

/// <summary>A real Loci map-server on 127.0.0.1 (ephemeral port) for <c>loci bench load</c> to measure, and a way to run the command.</summary>
internal sealed class BenchTarget : IDisposable
{
    private readonly LociNode _node;

    public BenchTarget()
    {
        _node = LociNode.Start(NodeConfigLoader.Parse("""
            { "map_server": { "bind": ["127.0.0.1:0"], "eid_space": ["10.0.0.0/8"],
              "sites": [ { "name": "s1", "prefixes": ["10.1.0.0/16", "2001:db8:1::/48"], "accept_more_specifics": true,
                           "keys": [ { "key_id": 0, "algorithm": "sha256", "password": "site-key" },
                                     { "key_id": 1, "algorithm": "sha1", "password": "site-key" } ] } ] } }
            """), TimeProvider.System);
    }

    public IPEndPoint Endpoint => _node.MapServer!.LocalEndpoint;

    public string Address => Endpoint.ToString();

    public Loci.ControlPlane.MapServers.MapServer MapServer => _node.MapServer!;

    public void Dispose() => _node.Dispose();

    /// <summary>Runs <c>loci bench load ARGS</c>; the JSON is the last stdout line.</summary>
    public static (int Code, string Output, string Errors) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = LoadCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static JsonElement Json(string output)
    {
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        using var document = JsonDocument.Parse(last);
        return document.RootElement.Clone();
    }
}
