namespace Loci.ControlPlane.Xtr;

/// <summary>
/// Counters of an <see cref="Itr"/>. The role's thread and the threads calling
/// <see cref="Itr.Lookup(Prefixes.EidPrefix, in FlowKey)"/> increment them with <see cref="Interlocked"/>;
/// any thread may read them (the management API, a metrics observer).
/// </summary>
public sealed class ItrCounters
{
    private readonly long[] _values = new long[Enum.GetValues<ItrCounter>().Length];

    public long this[ItrCounter counter] => Volatile.Read(ref _values[(int)counter]);

    /// <summary>Every counter by name, for JSON and logs.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        Enum.GetValues<ItrCounter>().ToDictionary(c => c.ToString(), c => this[c]);

    internal void Increment(ItrCounter counter) => Interlocked.Increment(ref _values[(int)counter]);
}
