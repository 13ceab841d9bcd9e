using System.Text.Json;
using Loci.Transport;

namespace Loci.Config;

public static partial class NodeConfigLoader
{
    private static DdtConfig? ReadDdt(ConfigReader reader, JsonElement section, string path)
    {
        if (!reader.IsObject(section, path, "bind", "authoritative", "delegations"))
        {
            return null;
        }

        var authoritative = reader.Prefixes(section, path, "authoritative", required: true);
        var delegations = new List<DelegationConfig>();
        foreach (var (element, delegationPath) in reader.Array(section, path, "delegations"))
        {
            if (ReadDelegation(reader, element, delegationPath) is not { } delegation)
            {
                continue;
            }

            // RFC 8111 §7.3: a node only delegates inside the space it is authoritative for.
            if (authoritative.Count > 0 && !authoritative.Exists(a => a.Contains(delegation.Prefix)))
            {
                reader.Error(ConfigReader.Join(delegationPath, "prefix"), $"{delegation.Prefix} is outside the authoritative prefixes ({string.Join(", ", authoritative)})");
            }

            if (delegations.Exists(d => d.Prefix.Equals(delegation.Prefix)))
            {
                reader.Error(ConfigReader.Join(delegationPath, "prefix"), $"{delegation.Prefix} is delegated twice");
            }

            delegations.Add(delegation);
        }

        return new DdtConfig
        {
            Bind = reader.Endpoints(section, path, "bind", UdpEndpointHost.DefaultPort),
            Authoritative = authoritative,
            Delegations = delegations,
        };
    }

    private static DelegationConfig? ReadDelegation(ConfigReader reader, JsonElement element, string path)
    {
        if (!reader.IsObject(element, path, "prefix", "kind", "rlocs"))
        {
            return null;
        }

        var prefixPath = ConfigReader.Join(path, "prefix");
        var prefix = reader.Optional(element, "prefix") is { } prefixElement ? reader.Prefix(prefixElement, prefixPath) : null;
        if (!element.TryGetProperty("prefix", out _))
        {
            reader.Error(prefixPath, "required");
        }

        var kindText = reader.String(element, path, "kind", required: true);
        DelegationTarget? kind = kindText switch
        {
            "ddt-node" => DelegationTarget.DdtNode,
            "map-server" => DelegationTarget.MapServer,
            _ => null,
        };
        if (kindText is not null && kind is null)
        {
            reader.Error(ConfigReader.Join(path, "kind"), $"expected \"ddt-node\" or \"map-server\", got \"{kindText}\"");
        }

        var rlocs = ReadRlocs(reader, element, path, "rlocs", required: true);
        if (element.TryGetProperty("rlocs", out var rlocElement) && rlocElement.ValueKind == JsonValueKind.Array && rlocElement.GetArrayLength() == 0)
        {
            reader.Error(ConfigReader.Join(path, "rlocs"), "a delegation needs at least one RLOC");
        }

        return prefix is null || kind is null ? null : new DelegationConfig(prefix.Value, kind.Value, rlocs);
    }

    /// <summary>A list of referral locators: "address" or {address, priority, weight}.</summary>
    private static List<RlocConfig> ReadRlocs(ConfigReader reader, JsonElement obj, string path, string key, bool required)
    {
        var rlocs = new List<RlocConfig>();
        foreach (var (element, rlocPath) in reader.Array(obj, path, key, required))
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                if (reader.Endpoint(element, rlocPath, UdpEndpointHost.DefaultPort) is { } bare)
                {
                    rlocs.Add(new RlocConfig(bare));
                }

                continue;
            }

            if (!reader.IsObject(element, rlocPath, "address", "priority", "weight"))
            {
                continue;
            }

            var addressPath = ConfigReader.Join(rlocPath, "address");
            var address = reader.Optional(element, "address") is { } addressElement
                ? reader.Endpoint(addressElement, addressPath, UdpEndpointHost.DefaultPort)
                : null;
            if (!element.TryGetProperty("address", out _))
            {
                reader.Error(addressPath, "required");
            }

            var priority = reader.Integer(element, rlocPath, "priority", 0, 255) ?? 1;
            var weight = reader.Integer(element, rlocPath, "weight", 0, 255) ?? 100;
            if (address is not null)
            {
                rlocs.Add(new RlocConfig(address, (byte)priority, (byte)weight));
            }
        }

        return rlocs;
    }
}
