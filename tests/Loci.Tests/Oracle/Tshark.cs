using System.Text.Json;

namespace Loci.Tests.Oracle;

/// <summary>
/// Decodes a capture with Wireshark's dissectors: <c>tshark -r FILE -n -T json</c>, with UDP 4342
/// and 4341 forced to the LISP control and data dissectors and IP/UDP checksum validation on.
/// Returns the <c>layers</c> object of each frame.
/// </summary>
public static class Tshark
{
    public static IReadOnlyList<string> Arguments(string path) =>
    [
        "-r", path,
        "-n",
        "-T", "json",
        "-d", "udp.port==4342,lisp",
        "-d", "udp.port==4341,lisp-data",
        "-o", "ip.check_checksum:TRUE",
        "-o", "udp.check_checksum:TRUE",
    ];

    public static IReadOnlyList<TsharkNode> Decode(string path)
    {
        var result = ExternalTool.Run("tshark", Arguments(path));
        Assert.True(result.ExitCode == 0, $"tshark exited with {result.ExitCode}: {result.StandardError}");
        using var json = JsonDocument.Parse(result.StandardOutput);
        var frames = new List<TsharkNode>();
        foreach (var frame in json.RootElement.EnumerateArray())
        {
            frames.Add(TsharkNode.FromJson("layers", frame.GetProperty("_source").GetProperty("layers")));
        }

        return frames;
    }
}
