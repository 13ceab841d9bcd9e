using System.Globalization;
using System.Net;
using System.Text.Json;
using Loci.Prefixes;

namespace Loci.Config;

/// <summary>
/// Typed reads from a parsed JSON document that record every problem as a <see cref="ConfigError"/>
/// with the key path and line, instead of stopping at the first. A read that fails returns null (or
/// the default) so the caller goes on and reports the rest.
/// </summary>
internal sealed class ConfigReader
{
    private readonly string _file;
    private readonly JsonLineMap _lines;
    private readonly List<ConfigError> _errors = [];

    public ConfigReader(string file, JsonLineMap lines)
    {
        _file = file;
        _lines = lines;
    }

    public IReadOnlyList<ConfigError> Errors => _errors;

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public void Error(string path, string message) => _errors.Add(new ConfigError(_file, _lines.LineOf(path), path, message));

    /// <summary>Reports keys of <paramref name="obj"/> that are not in <paramref name="known"/> (typos must not pass silently).</summary>
    public bool IsObject(JsonElement element, string path, params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object, got {Describe(element)}");
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (System.Array.IndexOf(known, property.Name) < 0)
            {
                Error(Join(path, property.Name), $"unknown key (expected one of: {string.Join(", ", known)})");
            }
        }

        return true;
    }

    public JsonElement? Optional(JsonElement obj, string key) =>
        obj.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? String(JsonElement obj, string path, string key, bool required)
    {
        var keyPath = Join(path, key);
        if (Optional(obj, key) is not { } value)
        {
            if (required)
            {
                Error(keyPath, "required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(keyPath, $"expected a string, got {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    public long? Integer(JsonElement obj, string path, string key, long min, long max)
    {
        var keyPath = Join(path, key);
        if (Optional(obj, key) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Error(keyPath, $"expected an integer, got {Describe(value)}");
            return null;
        }

        if (number < min || number > max)
        {
            Error(keyPath, $"expected {min} to {max}, got {number}");
            return null;
        }

        return number;
    }

    public bool? Boolean(JsonElement obj, string path, string key)
    {
        if (Optional(obj, key) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(Join(path, key), $"expected true or false, got {Describe(value)}");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>The elements of an array with their paths; an absent key is an empty list (or an error when required).</summary>
    public IEnumerable<(JsonElement Element, string Path)> Array(JsonElement obj, string path, string key, bool required = false)
    {
        var keyPath = Join(path, key);
        if (Optional(obj, key) is not { } value)
        {
            if (required)
            {
                Error(keyPath, "required");
            }

            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(keyPath, $"expected a list, got {Describe(value)}");
            return [];
        }

        return value.EnumerateArray().Select((element, i) => (element, $"{keyPath}[{i}]")).ToArray();
    }

    public List<EidPrefix> Prefixes(JsonElement obj, string path, string key, bool required = false)
    {
        var prefixes = new List<EidPrefix>();
        foreach (var (element, elementPath) in Array(obj, path, key, required))
        {
            if (Prefix(element, elementPath) is { } prefix)
            {
                prefixes.Add(prefix);
            }
        }

        return prefixes;
    }

    public EidPrefix? Prefix(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Error(path, $"expected an EID prefix such as \"10.1.0.0/16\", got {Describe(element)}");
            return null;
        }

        try
        {
            return EidPrefix.Parse(element.GetString()!);
        }
        catch (FormatException e)
        {
            Error(path, e.Message);
            return null;
        }
    }

    public List<IPEndPoint> Endpoints(JsonElement obj, string path, string key, int defaultPort)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var (element, elementPath) in Array(obj, path, key))
        {
            if (Endpoint(element, elementPath, defaultPort) is { } endpoint)
            {
                endpoints.Add(endpoint);
            }
        }

        return endpoints;
    }

    public IPEndPoint? Endpoint(JsonElement element, string path, int defaultPort)
    {
        if (element.ValueKind == JsonValueKind.String && EndpointText.TryParse(element.GetString()!, defaultPort, out var endpoint))
        {
            return endpoint;
        }

        Error(path, $"expected an address or address:port such as \"127.0.0.1\", \"127.0.0.1:{defaultPort}\" or \"[::1]:{defaultPort}\", got {Describe(element)}");
        return null;
    }

    public IPAddress? Address(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String && IPAddress.TryParse(element.GetString(), out var address))
        {
            return address;
        }

        Error(path, $"expected an IPv4 or IPv6 address, got {Describe(element)}");
        return null;
    }

    public TimeSpan? Duration(JsonElement obj, string path, string key)
    {
        if (Optional(obj, key) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && DurationText.TryParse(value.GetString()!, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        Error(Join(path, key), $"expected a positive duration such as \"500ms\", \"2s\" or \"1m\", got {Describe(value)}");
        return null;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => JsonSerializer.Serialize(element.GetString()),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
