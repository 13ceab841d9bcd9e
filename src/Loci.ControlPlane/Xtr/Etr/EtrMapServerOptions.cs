using System.Net;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// A Map-Server the ETR registers with (RFC 9301 §8.2). Each one has its own key: the ETR may
/// register different prefixes to independent mapping systems run by different parties (seed 002's
/// multi-mapping-system xTR), and no party learns another's key.
/// </summary>
public sealed record EtrMapServerOptions
{
    /// <summary>The name database entries use to pick this Map-Server (<see cref="EtrPrefixOptions.MapServers"/>).</summary>
    public string Name { get; init; } = "";

    /// <summary>Where Map-Registers go; the port is normally 4342 (RFC 9301 §5.6).</summary>
    public IPEndPoint? Address { get; init; }

    /// <summary>Key ID carried in the high byte of the Key ID field (RFC 9301 §5.6).</summary>
    public byte KeyId { get; init; }

    /// <summary>HMAC-SHA-1-96 (1) or HMAC-SHA-256-128 (2).</summary>
    public AuthAlgorithm Algorithm { get; init; } = AuthAlgorithm.HmacSha256_128;

    /// <summary>The secret shared with this Map-Server; its UTF-8 bytes key the HMAC (PROTOCOL.md §4.2).</summary>
    public string Password { get; init; } = "";
}
