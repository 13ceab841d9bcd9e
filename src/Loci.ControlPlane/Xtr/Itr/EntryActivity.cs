namespace Loci.ControlPlane.Xtr;

/// <summary>
/// The last-use time of one map-cache prefix, shared by the successive versions of its entry so a
/// lookup that touched the old version is not lost when the role thread publishes a new one.
/// </summary>
/// <remarks>
/// Written by lookups on any thread without a lock: a 64-bit volatile write is atomic, and a racing
/// writer that stores a slightly older time only makes eviction a few milliseconds earlier. A touch
/// within a second of the stored time is skipped, so busy flows on many threads do not keep
/// invalidating one cache line.
/// </remarks>
internal sealed class EntryActivity
{
    private static readonly long TouchGranularity = TimeSpan.TicksPerSecond;
    private long _lastUsedTicks;

    public EntryActivity(DateTimeOffset now) => _lastUsedTicks = now.UtcTicks;

    public DateTimeOffset LastUsed => new(Volatile.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        if (ticks - Volatile.Read(ref _lastUsedTicks) >= TouchGranularity)
        {
            Volatile.Write(ref _lastUsedTicks, ticks);
        }
    }
}
