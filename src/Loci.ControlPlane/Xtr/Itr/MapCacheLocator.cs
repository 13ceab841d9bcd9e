using System.Net;
using System.Net.Sockets;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// One locator (RLOC) of a map-cache entry, with what the ITR learned about it. Immutable: the ITR
/// publishes a new entry when a probe changes the state, so a reader sees one consistent locator set.
/// </summary>
/// <param name="Address">The RLOC.</param>
/// <param name="Priority">Unicast priority from the Map-Reply; lower is preferred, 255 = do not use (RFC 9301 §5.4).</param>
/// <param name="Weight">Unicast weight among locators of one priority.</param>
public sealed record MapCacheLocator(IPAddress Address, byte Priority, byte Weight)
{
    /// <summary>
    /// Usable for encapsulation. Starts as the R bit of the Map-Reply (the answering site's view of
    /// its RLOC, RFC 9301 §5.4); RLOC-probing then sets it from what this ITR observes.
    /// </summary>
    public bool IsUp { get; init; } = true;

    /// <summary>Round-trip time of the last answered RLOC-probe; null before the first.</summary>
    public TimeSpan? LastRtt { get; init; }

    /// <summary>When a probe of this locator was last answered.</summary>
    public DateTimeOffset? LastProbeAnswer { get; init; }

    /// <summary>Probes lost in a row since the last answer.</summary>
    public int ConsecutiveProbeMisses { get; init; }

    public bool IsIPv4 => Address.AddressFamily == AddressFamily.InterNetwork;

    public override string ToString() =>
        $"{Address} {Priority}/{Weight} {(IsUp ? "up" : "down")}{(LastRtt is { } rtt ? $" rtt {rtt.TotalMilliseconds:0.#} ms" : "")}";
}
