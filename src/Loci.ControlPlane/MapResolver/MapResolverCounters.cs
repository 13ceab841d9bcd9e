namespace Loci.ControlPlane.MapResolvers;

/// <summary>
/// Counters of a <see cref="MapResolver"/>. The role's thread increments them; any thread may read
/// them (the management API, a metrics observer).
/// </summary>
public sealed class MapResolverCounters
{
    private readonly long[] _values = new long[Enum.GetValues<MapResolverCounter>().Length];

    public long this[MapResolverCounter counter] => Volatile.Read(ref _values[(int)counter]);

    /// <summary>Every counter by name, for JSON and logs.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        Enum.GetValues<MapResolverCounter>().ToDictionary(c => c.ToString(), c => this[c]);

    internal void Increment(MapResolverCounter counter) => Interlocked.Increment(ref _values[(int)counter]);
}
