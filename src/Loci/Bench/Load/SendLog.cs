using System.Numerics;

namespace Loci.Bench.Load;

/// <summary>
/// Send times by sequence number, in a power-of-two ring the receive threads index directly. Each
/// slot packs the sequence's generation (which lap of the ring, 24 bits) with the send time (40 bits,
/// Stopwatch ticks since the run began, plus one), so recording is one store and claiming one
/// compare-and-swap that turns the time into 0 ("answered"): a reply is matched once, a second one
/// is a duplicate, and a reply whose slot a later lap took is late. No locks, no allocation.
/// </summary>
internal sealed class SendLog
{
    private const int TimeBits = 40;
    private const long TimeMask = (1L << TimeBits) - 1;
    private const long GenerationMask = (1L << (64 - TimeBits)) - 1;

    private readonly long[] _slots;
    private readonly int _ringBits;
    private readonly long _origin;

    /// <param name="capacity">Messages whose replies can still be matched; rounded up to a power of two.</param>
    /// <param name="origin">Stopwatch timestamp the send times are counted from.</param>
    public SendLog(long capacity, long origin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1L << 28);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new long[size];
        _ringBits = BitOperations.Log2((uint)size);
        _origin = origin;

        // Unused slots must not look like lap 0 of a sequence: mark them with an impossible generation.
        Array.Fill(_slots, -1L);
    }

    public int Capacity => _slots.Length;

    /// <summary>The longest run the 40-bit time field can hold, in Stopwatch ticks (18 min at 1 GHz).</summary>
    public static long MaxRunTicks => TimeMask - 2;

    /// <summary>Records that <paramref name="sequence"/> is sent at <paramref name="timestamp"/>. Sender thread only.</summary>
    public void Record(long sequence, long timestamp)
    {
        var time = Math.Clamp(timestamp - _origin, 0, MaxRunTicks) + 1;
        Volatile.Write(ref _slots[sequence & (_slots.Length - 1)], (Generation(sequence) << TimeBits) | time);
    }

    /// <summary>Claims the reply to <paramref name="sequence"/>; on <see cref="ClaimResult.Matched"/>, gives its send timestamp.</summary>
    public ClaimResult TryClaim(long sequence, out long sentTimestamp)
    {
        sentTimestamp = 0;
        ref var slot = ref _slots[sequence & (_slots.Length - 1)];
        var generation = Generation(sequence);
        while (true)
        {
            var value = Volatile.Read(ref slot);
            if (value == -1 || (value >>> TimeBits) != generation)
            {
                return ClaimResult.Late;
            }

            var time = value & TimeMask;
            if (time == 0)
            {
                return ClaimResult.Duplicate;
            }

            if (Interlocked.CompareExchange(ref slot, generation << TimeBits, value) == value)
            {
                sentTimestamp = _origin + time - 1;
                return ClaimResult.Matched;
            }
        }
    }

    /// <summary>True when a reply to <paramref name="sequence"/> was claimed (and its slot not reused since).</summary>
    public bool WasAnswered(long sequence)
    {
        var value = Volatile.Read(ref _slots[sequence & (_slots.Length - 1)]);
        return value != -1 && (value >>> TimeBits) == Generation(sequence) && (value & TimeMask) == 0;
    }

    private long Generation(long sequence) => (sequence >> _ringBits) & GenerationMask;
}
