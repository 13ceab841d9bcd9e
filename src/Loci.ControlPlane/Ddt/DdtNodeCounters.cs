namespace Loci.ControlPlane.Ddt;

/// <summary>
/// Counters of a <see cref="DdtNode"/>. The role's thread increments them; any thread may read them
/// (the management API, a metrics observer).
/// </summary>
public sealed class DdtNodeCounters
{
    private readonly long[] _values = new long[Enum.GetValues<DdtNodeCounter>().Length];

    public long this[DdtNodeCounter counter] => Volatile.Read(ref _values[(int)counter]);

    /// <summary>Every counter by name, for JSON and logs.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        Enum.GetValues<DdtNodeCounter>().ToDictionary(c => c.ToString(), c => this[c]);

    internal void Increment(DdtNodeCounter counter) => Interlocked.Increment(ref _values[(int)counter]);
}
