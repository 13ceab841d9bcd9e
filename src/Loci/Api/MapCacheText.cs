using System.Globalization;
using System.Text.Json;

namespace Loci.Api;

/// <summary>One map-cache entry of the API's JSON as one line, the way `loci map-cache` and the demo print it.</summary>
internal static class MapCacheText
{
    public static string Line(JsonElement entry)
    {
        var prefix = entry.GetProperty("prefix").GetString();
        var ttl = entry.GetProperty("ttl_minutes").GetUInt32().ToString(CultureInfo.InvariantCulture);
        var by = entry.GetProperty("answered_by").GetString() ?? "-";
        if (entry.GetProperty("negative").GetBoolean())
        {
            return $"{prefix,-18} negative {entry.GetProperty("action").GetString()}, ttl {ttl} min, from {by}";
        }

        var locators = entry.GetProperty("locators").EnumerateArray().Select(l =>
            $"{l.GetProperty("address").GetString()} ({l.GetProperty("priority").GetInt32()}/{l.GetProperty("weight").GetInt32()}{(l.GetProperty("up").GetBoolean() ? string.Empty : ", down")})");
        return $"{prefix,-18} -> {string.Join(", ", locators)}, ttl {ttl} min, from {by}{(entry.GetProperty("authoritative").GetBoolean() ? " (authoritative)" : string.Empty)}";
    }
}
