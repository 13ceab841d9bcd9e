using System.Net;
using System.Text.Json;
using Loci.Transport;

namespace Loci.Config;

public static partial class NodeConfigLoader
{
    private static MapResolverConfig? ReadMapResolver(ConfigReader reader, JsonElement section, string path)
    {
        if (!reader.IsObject(section, path, "bind", "ddt_roots", "map_servers", "max_referrals", "request_timeout", "retries", "referral_port"))
        {
            return null;
        }

        var roots = ReadRlocs(reader, section, path, "ddt_roots", required: false);
        var mapServers = new List<IPEndPoint>();
        foreach (var (element, serverPath) in reader.Array(section, path, "map_servers"))
        {
            if (reader.Endpoint(element, serverPath, UdpEndpointHost.DefaultPort) is { } server)
            {
                mapServers.Add(server);
            }
        }

        var hasRoots = section.TryGetProperty("ddt_roots", out var rootsElement) && rootsElement.ValueKind == JsonValueKind.Array && rootsElement.GetArrayLength() > 0;
        var hasServers = section.TryGetProperty("map_servers", out var serversElement) && serversElement.ValueKind == JsonValueKind.Array && serversElement.GetArrayLength() > 0;
        if (hasRoots == hasServers)
        {
            reader.Error(path, hasRoots
                ? "give either ddt_roots (resolve through DDT) or map_servers (ask map-servers directly), not both"
                : "give ddt_roots (resolve through DDT) or map_servers (ask map-servers directly)");
        }

        return new MapResolverConfig
        {
            Bind = reader.Endpoints(section, path, "bind", UdpEndpointHost.DefaultPort),
            DdtRoots = roots,
            MapServers = mapServers,
            MaxReferrals = (int)(reader.Integer(section, path, "max_referrals", 1, 64) ?? MapResolverConfig.DefaultMaxReferrals),
            RequestTimeout = reader.Duration(section, path, "request_timeout") ?? TimeSpan.FromSeconds(1),
            Retries = (int)(reader.Integer(section, path, "retries", 0, 10) ?? 2),
            ReferralPort = (int)(reader.Integer(section, path, "referral_port", 1, ushort.MaxValue) ?? UdpEndpointHost.DefaultPort),
        };
    }
}
