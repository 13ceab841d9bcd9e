namespace Loci.Transport;

/// <summary>Socket settings of one <see cref="UdpEndpointHost"/>; the defaults suit a mapping-system node.</summary>
public sealed record UdpEndpointOptions
{
    /// <summary>Largest datagram accepted; longer ones are truncated by the kernel and counted as received. 64 KiB covers any UDP payload.</summary>
    public int MaxDatagramSize { get; init; } = 65_535;

    /// <summary>SO_RCVBUF in bytes, or null for the system default. A larger buffer absorbs bursts of Map-Registers.</summary>
    public int? ReceiveBufferSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>SO_SNDBUF in bytes, or null for the system default.</summary>
    public int? SendBufferSize { get; init; }
}
