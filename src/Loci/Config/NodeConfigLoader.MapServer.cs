using System.Net;
using System.Text.Json;
using Loci.Prefixes;
using Loci.Transport;
using Loci.Wire;

namespace Loci.Config;

public static partial class NodeConfigLoader
{
    private static MapServerConfig? ReadMapServer(ConfigReader reader, JsonElement section, string path)
    {
        if (!reader.IsObject(section, path, "bind", "eid_space", "sites", "etr_control_port"))
        {
            return null;
        }

        var sites = new List<SiteConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, sitePath) in reader.Array(section, path, "sites", required: true))
        {
            if (ReadSite(reader, element, sitePath) is { } site)
            {
                if (!names.Add(site.Name))
                {
                    reader.Error(ConfigReader.Join(sitePath, "name"), $"site \"{site.Name}\" is defined twice");
                }

                sites.Add(site);
            }
        }

        return new MapServerConfig
        {
            Bind = reader.Endpoints(section, path, "bind", UdpEndpointHost.DefaultPort),
            EidSpace = reader.Prefixes(section, path, "eid_space"),
            Sites = sites,
            EtrControlPort = (int)(reader.Integer(section, path, "etr_control_port", 1, ushort.MaxValue) ?? UdpEndpointHost.DefaultPort),
        };
    }

    private static SiteConfig? ReadSite(ConfigReader reader, JsonElement element, string path)
    {
        if (!reader.IsObject(element, path, "name", "keys", "prefixes", "accept_more_specifics", "allowed_rlocs"))
        {
            return null;
        }

        var name = reader.String(element, path, "name", required: true);
        if (name is { Length: 0 })
        {
            reader.Error(ConfigReader.Join(path, "name"), "must not be empty");
        }

        var keys = new List<SiteKeyConfig>();
        foreach (var (keyElement, keyPath) in reader.Array(element, path, "keys", required: true))
        {
            if (ReadKey(reader, keyElement, keyPath) is { } key)
            {
                if (keys.Exists(k => k.KeyId == key.KeyId))
                {
                    reader.Error(ConfigReader.Join(keyPath, "key_id"), $"key ID {key.KeyId} is used twice in this site");
                }

                keys.Add(key);
            }
        }

        if (element.TryGetProperty("keys", out var keysElement) && keysElement.ValueKind == JsonValueKind.Array && keysElement.GetArrayLength() == 0)
        {
            reader.Error(ConfigReader.Join(path, "keys"), "a site needs at least one key");
        }

        var prefixes = reader.Prefixes(element, path, "prefixes", required: true);
        if (element.TryGetProperty("prefixes", out var prefixElement) && prefixElement.ValueKind == JsonValueKind.Array && prefixElement.GetArrayLength() == 0)
        {
            reader.Error(ConfigReader.Join(path, "prefixes"), "a site needs at least one EID prefix");
        }

        var rlocs = new List<EidPrefix>();
        foreach (var (rlocElement, rlocPath) in reader.Array(element, path, "allowed_rlocs"))
        {
            // An address is its host prefix; a prefix allows a whole RLOC block.
            if (rlocElement.ValueKind == JsonValueKind.String && IPAddress.TryParse(rlocElement.GetString(), out var address))
            {
                rlocs.Add(EidPrefix.FromIPAddress(address));
            }
            else if (reader.Prefix(rlocElement, rlocPath) is { } block)
            {
                rlocs.Add(block);
            }
        }

        return new SiteConfig
        {
            Name = name ?? string.Empty,
            Keys = keys,
            Prefixes = prefixes,
            AcceptMoreSpecifics = reader.Boolean(element, path, "accept_more_specifics") ?? true,
            AllowedRlocs = rlocs,
        };
    }

    private static SiteKeyConfig? ReadKey(ConfigReader reader, JsonElement element, string path)
    {
        if (!reader.IsObject(element, path, "key_id", "algorithm", "password"))
        {
            return null;
        }

        return ReadKeyFields(reader, element, path);
    }

    /// <summary>key_id (default 1), algorithm and password of a shared key, in any object that carries them.</summary>
    private static SiteKeyConfig? ReadKeyFields(ConfigReader reader, JsonElement element, string path)
    {
        var keyId = reader.Integer(element, path, "key_id", 0, byte.MaxValue);
        if (keyId is null && !element.TryGetProperty("key_id", out _))
        {
            keyId = 1;
        }

        var algorithmText = reader.String(element, path, "algorithm", required: true);
        AuthAlgorithm? algorithm = algorithmText switch
        {
            null => null,
            "sha1" => AuthAlgorithm.HmacSha1_96,
            "sha256" => AuthAlgorithm.HmacSha256_128,
            _ => null,
        };
        if (algorithmText is not null && algorithm is null)
        {
            reader.Error(ConfigReader.Join(path, "algorithm"), $"expected \"sha1\" or \"sha256\", got \"{algorithmText}\"");
        }

        var password = reader.String(element, path, "password", required: true);
        if (password is { Length: 0 })
        {
            reader.Error(ConfigReader.Join(path, "password"), "must not be empty");
        }

        return keyId is null || algorithm is null || string.IsNullOrEmpty(password)
            ? null
            : new SiteKeyConfig((byte)keyId.Value, algorithm.Value, password);
    }
}
