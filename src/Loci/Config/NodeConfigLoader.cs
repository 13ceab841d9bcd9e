using System.Net;
using System.Text;
using System.Text.Json;
using Loci.Transport;

namespace Loci.Config;

/// <summary>
/// Reads the node's JSON configuration (comments and trailing commas allowed), checks it, and
/// returns a <see cref="NodeConfig"/> or throws a <see cref="ConfigException"/> listing every
/// problem as <c>FILE line N: key.path: what is wrong</c>.
/// </summary>
public static partial class NodeConfigLoader
{
    private static readonly IPEndPoint[] DefaultBind =
    [
        new(IPAddress.Any, UdpEndpointHost.DefaultPort),
        new(IPAddress.IPv6Any, UdpEndpointHost.DefaultPort),
    ];

    public static NodeConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException([new ConfigError(path, 0, string.Empty, $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, Path.GetFileName(path));
    }

    public static NodeConfig Parse(string json, string fileName = "config.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        var utf8 = Encoding.UTF8.GetBytes(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new ConfigException([new ConfigError(fileName, line, string.Empty, "not valid JSON: " + (cut > 0 ? message[..cut].TrimEnd(' ', '|', '.') : message))]);
        }

        using (document)
        {
            var reader = new ConfigReader(fileName, JsonLineMap.Build(utf8));
            var config = ReadNode(reader, document.RootElement);
            if (reader.Errors.Count > 0)
            {
                throw new ConfigException(reader.Errors);
            }

            return config;
        }
    }

    private static NodeConfig ReadNode(ConfigReader reader, JsonElement root)
    {
        if (!reader.IsObject(root, string.Empty, "bind", "api", "local_delivery", "map_server", "ddt", "map_resolver", "xtr"))
        {
            return new NodeConfig();
        }

        var bind = reader.Endpoints(root, string.Empty, "bind", UdpEndpointHost.DefaultPort);
        var api = reader.Optional(root, "api") is { } apiElement
            ? reader.Endpoint(apiElement, "api", NodeConfig.DefaultApiPort)
            : null;
        var config = new NodeConfig
        {
            Bind = bind.Count > 0 ? bind : DefaultBind,
            Api = api ?? new IPEndPoint(IPAddress.Loopback, NodeConfig.DefaultApiPort),
            LocalDelivery = reader.Boolean(root, string.Empty, "local_delivery") ?? true,
            MapServer = reader.Optional(root, "map_server") is { } ms ? ReadMapServer(reader, ms, "map_server") : null,
            Ddt = reader.Optional(root, "ddt") is { } ddt ? ReadDdt(reader, ddt, "ddt") : null,
            MapResolver = reader.Optional(root, "map_resolver") is { } mr ? ReadMapResolver(reader, mr, "map_resolver") : null,
            Xtr = reader.Optional(root, "xtr") is { } xtr ? ReadXtr(reader, xtr, "xtr") : null,
        };

        if (config.MapServer is null && config.Ddt is null && config.MapResolver is null && config.Xtr is null
            && !root.TryGetProperty("map_server", out _) && !root.TryGetProperty("ddt", out _) && !root.TryGetProperty("map_resolver", out _)
            && !root.TryGetProperty("xtr", out _))
        {
            reader.Error(string.Empty, "no role configured: add a map_server, ddt, map_resolver or xtr section");
        }

        CheckBindConflicts(reader, config);
        return config;
    }

    /// <summary>Each role owns its sockets: two roles on one address and port would steal each other's datagrams.</summary>
    private static void CheckBindConflicts(ConfigReader reader, NodeConfig config)
    {
        var owners = new Dictionary<IPEndPoint, string>();
        foreach (var (section, bind) in new (string, IReadOnlyList<IPEndPoint>?)[]
        {
            ("map_server", config.MapServer is null ? null : EffectiveBind(config, config.MapServer.Bind)),
            ("ddt", config.Ddt is null ? null : EffectiveBind(config, config.Ddt.Bind)),
            ("map_resolver", config.MapResolver is null ? null : EffectiveBind(config, config.MapResolver.Bind)),
            ("xtr", config.Xtr is null ? null : EffectiveBind(config, config.Xtr.Bind)),
        })
        {
            foreach (var endpoint in bind ?? [])
            {
                if (owners.TryGetValue(endpoint, out var owner))
                {
                    reader.Error(ConfigReader.Join(section, "bind"), $"{endpoint} is already used by {owner}; give each role its own bind addresses");
                }
                else
                {
                    owners[endpoint] = section;
                }
            }
        }
    }

    /// <summary>A role's endpoints: its own <c>bind</c>, else the node's.</summary>
    public static IReadOnlyList<IPEndPoint> EffectiveBind(NodeConfig config, IReadOnlyList<IPEndPoint> roleBind)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(roleBind);
        return roleBind.Count > 0 ? roleBind : config.Bind;
    }
}
