using System.Globalization;
using System.Net;
using System.Text.Json;
using Loci.Transport;

namespace Loci.Config;

public static partial class NodeConfigLoader
{
    private static XtrConfig? ReadXtr(ConfigReader reader, JsonElement section, string path)
    {
        if (!reader.IsObject(section, path, "bind", "etr", "itr"))
        {
            return null;
        }

        var etr = reader.Optional(section, "etr") is { } etrElement ? ReadEtr(reader, etrElement, ConfigReader.Join(path, "etr")) : null;
        var itr = reader.Optional(section, "itr") is { } itrElement ? ReadItr(reader, itrElement, ConfigReader.Join(path, "itr")) : null;
        if (!section.TryGetProperty("etr", out _) && !section.TryGetProperty("itr", out _))
        {
            reader.Error(path, "an xtr needs an etr section, an itr section or both");
        }

        return new XtrConfig
        {
            Bind = reader.Endpoints(section, path, "bind", UdpEndpointHost.DefaultPort),
            Etr = etr,
            Itr = itr,
        };
    }

    private static EtrConfig? ReadEtr(ConfigReader reader, JsonElement section, string path)
    {
        if (!reader.IsObject(section, path, "xtr_id", "site_id", "register_interval", "want_map_notify", "map_servers", "database", "smr_port"))
        {
            return null;
        }

        var servers = new List<EtrMapServerConfig>();
        foreach (var (element, serverPath) in reader.Array(section, path, "map_servers", required: true))
        {
            if (ReadEtrMapServer(reader, element, serverPath) is { } server)
            {
                if (servers.Exists(s => s.Name == server.Name))
                {
                    reader.Error(ConfigReader.Join(serverPath, "name"), $"map-server \"{server.Name}\" is defined twice");
                }

                servers.Add(server);
            }
        }

        var database = new List<DatabaseMappingConfig>();
        foreach (var (element, mappingPath) in reader.Array(section, path, "database", required: true))
        {
            if (ReadMapping(reader, element, mappingPath, servers) is { } mapping)
            {
                if (database.Exists(m => m.Prefix == mapping.Prefix))
                {
                    reader.Error(ConfigReader.Join(mappingPath, "prefix"), $"{mapping.Prefix} is in the database twice");
                }

                database.Add(mapping);
            }
        }

        RequireNonEmpty(reader, section, path, "map_servers", "an ETR needs at least one map-server to register with");
        RequireNonEmpty(reader, section, path, "database", "an ETR needs at least one EID prefix in its database");
        return new EtrConfig
        {
            XtrId = ReadXtrId(reader, section, path),
            SiteId = (ulong)(reader.Integer(section, path, "site_id", 0, long.MaxValue) ?? 0),
            RegisterInterval = reader.Duration(section, path, "register_interval"),
            WantMapNotify = reader.Boolean(section, path, "want_map_notify") ?? true,
            SmrPort = (int)(reader.Integer(section, path, "smr_port", 1, ushort.MaxValue) ?? UdpEndpointHost.DefaultPort),
            MapServers = servers,
            Database = database,
        };
    }

    private static EtrMapServerConfig? ReadEtrMapServer(ConfigReader reader, JsonElement element, string path)
    {
        if (!reader.IsObject(element, path, "name", "address", "key_id", "algorithm", "password"))
        {
            return null;
        }

        var name = reader.String(element, path, "name", required: true);
        var address = reader.Optional(element, "address") is { } a ? reader.Endpoint(a, ConfigReader.Join(path, "address"), UdpEndpointHost.DefaultPort) : null;
        if (!element.TryGetProperty("address", out _))
        {
            reader.Error(ConfigReader.Join(path, "address"), "required");
        }

        // The key fields are those of a map-server site key: the ETR holds the other end of it.
        var key = ReadKeyFields(reader, element, path);
        return name is null || address is null || key is null ? null : new EtrMapServerConfig(name, address, key);
    }

    private static DatabaseMappingConfig? ReadMapping(ConfigReader reader, JsonElement element, string path, List<EtrMapServerConfig> servers)
    {
        if (!reader.IsObject(element, path, "prefix", "rlocs", "proxy_reply", "map_servers", "ttl"))
        {
            return null;
        }

        var prefix = reader.Optional(element, "prefix") is { } p ? reader.Prefix(p, ConfigReader.Join(path, "prefix")) : null;
        if (!element.TryGetProperty("prefix", out _))
        {
            reader.Error(ConfigReader.Join(path, "prefix"), "required");
        }

        var rlocs = new List<LocatorConfig>();
        foreach (var (rlocElement, rlocPath) in reader.Array(element, path, "rlocs", required: true))
        {
            if (ReadLocator(reader, rlocElement, rlocPath) is { } rloc)
            {
                rlocs.Add(rloc);
            }
        }

        if (element.TryGetProperty("rlocs", out var rlocsElement) && rlocsElement.ValueKind == JsonValueKind.Array && rlocsElement.GetArrayLength() == 0)
        {
            reader.Error(ConfigReader.Join(path, "rlocs"), "a mapping needs at least one locator");
        }

        var names = new List<string>();
        foreach (var (nameElement, namePath) in reader.Array(element, path, "map_servers"))
        {
            if (nameElement.ValueKind != JsonValueKind.String)
            {
                reader.Error(namePath, $"expected a map-server name, got {ConfigReader.Describe(nameElement)}");
            }
            else if (!servers.Exists(s => s.Name == nameElement.GetString()))
            {
                reader.Error(namePath, $"no map-server named \"{nameElement.GetString()}\" in {path[..path.LastIndexOf(".database", StringComparison.Ordinal)]}.map_servers");
            }
            else
            {
                names.Add(nameElement.GetString()!);
            }
        }

        return prefix is null ? null : new DatabaseMappingConfig
        {
            Prefix = prefix.Value,
            Rlocs = rlocs,
            ProxyReply = reader.Boolean(element, path, "proxy_reply") ?? false,
            MapServers = names,
            Ttl = reader.Duration(element, path, "ttl"),
        };
    }

    private static LocatorConfig? ReadLocator(ConfigReader reader, JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return reader.Address(element, path) is { } bare ? new LocatorConfig(bare) : null;
        }

        if (!reader.IsObject(element, path, "address", "priority", "weight", "multicast_priority", "multicast_weight"))
        {
            return null;
        }

        var address = reader.Optional(element, "address") is { } a ? reader.Address(a, ConfigReader.Join(path, "address")) : null;
        if (!element.TryGetProperty("address", out _))
        {
            reader.Error(ConfigReader.Join(path, "address"), "required");
        }

        return address is null ? null : new LocatorConfig(
            address,
            (byte)(reader.Integer(element, path, "priority", 0, 255) ?? 1),
            (byte)(reader.Integer(element, path, "weight", 0, 255) ?? 100),
            (byte)(reader.Integer(element, path, "multicast_priority", 0, 255) ?? 255),
            (byte)(reader.Integer(element, path, "multicast_weight", 0, 255) ?? 0));
    }

    private static UInt128? ReadXtrId(ConfigReader reader, JsonElement section, string path)
    {
        var text = reader.String(section, path, "xtr_id", required: false);
        if (text is null)
        {
            return null;
        }

        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length is > 0 and <= 32 && UInt128.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        reader.Error(ConfigReader.Join(path, "xtr_id"), $"expected up to 32 hexadecimal digits, got \"{text}\"");
        return null;
    }

    private static ItrConfig? ReadItr(ConfigReader reader, JsonElement section, string path)
    {
        if (!reader.IsObject(section, path, "map_resolvers", "rlocs", "proxy_etrs", "probe_interval", "idle_timeout", "request_timeout"))
        {
            return null;
        }

        var resolvers = reader.Endpoints(section, path, "map_resolvers", UdpEndpointHost.DefaultPort);
        if (!section.TryGetProperty("map_resolvers", out var resolversElement))
        {
            reader.Error(ConfigReader.Join(path, "map_resolvers"), "required");
        }
        else if (resolversElement.ValueKind == JsonValueKind.Array && resolversElement.GetArrayLength() == 0)
        {
            reader.Error(ConfigReader.Join(path, "map_resolvers"), "an ITR needs at least one map-resolver");
        }

        var rlocs = new List<IPAddress>();
        foreach (var (element, rlocPath) in reader.Array(section, path, "rlocs"))
        {
            if (reader.Address(element, rlocPath) is { } rloc)
            {
                rlocs.Add(rloc);
            }
        }

        return new ItrConfig
        {
            MapResolvers = resolvers,
            Rlocs = rlocs,
            ProxyEtrs = reader.Endpoints(section, path, "proxy_etrs", UdpEndpointHost.DefaultPort),
            ProbeInterval = ReadIntervalOrOff(reader, section, path, "probe_interval"),
            IdleTimeout = reader.Duration(section, path, "idle_timeout"),
            RequestTimeout = reader.Duration(section, path, "request_timeout"),
        };
    }

    private static void RequireNonEmpty(ConfigReader reader, JsonElement section, string path, string key, string message)
    {
        if (section.TryGetProperty(key, out var element) && element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0)
        {
            reader.Error(ConfigReader.Join(path, key), message);
        }
    }

    /// <summary>A positive duration, or "off" for <see cref="TimeSpan.Zero"/>.</summary>
    private static TimeSpan? ReadIntervalOrOff(ConfigReader reader, JsonElement section, string path, string key) =>
        reader.Optional(section, key) is { ValueKind: JsonValueKind.String } value && value.GetString() == "off"
            ? TimeSpan.Zero
            : reader.Duration(section, path, key);
}
