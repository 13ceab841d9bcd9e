using System.Net;

namespace Loci.Config;

/// <summary>Parses "address", "address:port", "[v6]" and "[v6]:port"; a bare address takes the default port.</summary>
public static class EndpointText
{
    public static bool TryParse(string text, int defaultPort, out IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        endpoint = null!;
        text = text.Trim();
        if (IPAddress.TryParse(text, out var bare) && !text.StartsWith('['))
        {
            endpoint = new IPEndPoint(bare, defaultPort);
            return true;
        }

        if (text.StartsWith('[') && text.EndsWith(']') && IPAddress.TryParse(text[1..^1], out var bracketed))
        {
            endpoint = new IPEndPoint(bracketed, defaultPort);
            return true;
        }

        if (IPEndPoint.TryParse(text, out var parsed) && (text.StartsWith('[') || parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
        {
            endpoint = parsed;
            return true;
        }

        return false;
    }

    /// <summary>"127.0.0.1:4342" or "[::1]:4342".</summary>
    public static string Format(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.ToString();
    }
}
