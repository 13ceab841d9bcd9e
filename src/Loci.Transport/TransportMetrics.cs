using System.Diagnostics.Metrics;

namespace Loci.Transport;

/// <summary>
/// The counters of the UDP layer (DESIGN.md §4), meter "Loci.Transport". Malformed datagrams are
/// counted by the roles, which are the ones that parse; this layer counts what it moves and drops.
/// </summary>
internal static class TransportMetrics
{
    public const string MeterName = "Loci.Transport";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Datagrams read from a socket; tag "class" (registration/resolution) once the runner classified them.</summary>
    public static readonly Counter<long> Received = Meter.CreateCounter<long>("loci.transport.received", "{datagram}", "UDP datagrams received");

    public static readonly Counter<long> Sent = Meter.CreateCounter<long>("loci.transport.sent", "{datagram}", "UDP datagrams sent");

    public static readonly Counter<long> SendErrors = Meter.CreateCounter<long>("loci.transport.send_errors", "{datagram}", "UDP sends the socket refused");

    /// <summary>Tags "queue" (registration/resolution/all) and "reason" (queue_full, no_socket).</summary>
    public static readonly Counter<long> Dropped = Meter.CreateCounter<long>("loci.transport.dropped", "{datagram}", "Datagrams dropped before a role saw them");

    public static readonly Counter<long> RoleErrors = Meter.CreateCounter<long>("loci.transport.role_errors", "{exception}", "Exceptions thrown by a role's Receive or OnTimer");
}
