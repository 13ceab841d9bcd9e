using System.Text.Json;

namespace Loci.Config;

/// <summary>
/// Where each key and array element of a JSON document starts (1-based line), by the path the
/// config errors use: <c>map_server.sites[0].keys[1].algorithm</c>. <see cref="JsonDocument"/>
/// keeps no positions, so one pass of <see cref="Utf8JsonReader"/> records them.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>Maps <paramref name="utf8"/>; assumes it already parsed (call after <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>).</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> utf8)
    {
        var map = new JsonLineMap();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var containers = new Stack<(string Path, bool IsArray, int Index)>();
        var pendingPath = string.Empty;
        var line = 1;
        var counted = 0;
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            line += utf8[counted..start].Count((byte)'\n');
            counted = start;

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                var parent = containers.Peek().Path;
                pendingPath = parent.Length == 0 ? reader.GetString()! : parent + "." + reader.GetString();
                map._lines.TryAdd(pendingPath, line);
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                containers.Pop();
                continue;
            }

            // A value: its path is the pending property, or the next index of the enclosing array.
            var path = pendingPath;
            if (containers.Count > 0 && containers.Peek().IsArray)
            {
                var (arrayPath, _, index) = containers.Pop();
                containers.Push((arrayPath, true, index + 1));
                path = $"{arrayPath}[{index}]";
                map._lines.TryAdd(path, line);
            }
            else if (containers.Count == 0)
            {
                map._lines.TryAdd(string.Empty, line);
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                containers.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }

        return map;
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest ancestor present in the file (for missing keys).</summary>
    public int LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }

            if (path.Length == 0)
            {
                return 1;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut < 0 ? string.Empty : path[..cut];
        }
    }
}
