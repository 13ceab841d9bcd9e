namespace Loci.Bench.Load;

/// <summary>
/// The 64-bit nonce of every message the generator sends (RFC 9301 §5.2: echoed in the Map-Reply,
/// Map-Referral and Map-Notify) carries the run in its top 16 bits and the message's sequence number
/// in the low 48. A reply then finds its send time by array index, with no table lookup, and a reply
/// to an earlier run (a setup phase, a previous process) is recognised and ignored.
/// </summary>
internal static class SequenceNonce
{
    public const int SequenceBits = 48;

    public const long MaxSequence = (1L << SequenceBits) - 1;

    public static ulong Encode(ushort runId, long sequence) => ((ulong)runId << SequenceBits) | ((ulong)sequence & MaxSequence);

    public static ushort RunId(ulong nonce) => (ushort)(nonce >> SequenceBits);

    public static long Sequence(ulong nonce) => (long)(nonce & MaxSequence);

    /// <summary>A run id different from <paramref name="previous"/> and from 0 (a zero nonce is what a careless peer sends).</summary>
    public static ushort NewRunId(ushort previous)
    {
        ushort id;
        do
        {
            id = (ushort)Random.Shared.Next(1, ushort.MaxValue + 1);
        }
        while (id == previous);

        return id;
    }
}
