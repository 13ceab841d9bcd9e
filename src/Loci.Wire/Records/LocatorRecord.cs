namespace Loci.Wire;

/// <summary>
/// A locator (RLOC) record of an EID-record (RFC 9301 §5.4), also used for referral locators
/// (RFC 8111 §6.4):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Priority    |    Weight     |  M Priority   |   M Weight    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Unused Flags     |L|p|R|           Loc-AFI             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                             Locator                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed record LocatorRecord(
    LispAddress Rloc,
    byte Priority = 1,
    byte Weight = 100,
    byte MulticastPriority = 255,
    byte MulticastWeight = 0,
    bool Local = false,
    bool Probed = false,
    bool Reachable = true)
{
    public const ushort LocalFlag = 0x0004;
    public const ushort ProbedFlag = 0x0002;
    public const ushort ReachableFlag = 0x0001;
    public const ushort UnusedFlagsMask = 0xFFF8;

    /// <summary>Unused flag bits as received (RFC 9301: sent as zero, ignored); kept so a decode shows them and a re-encode preserves them.</summary>
    public ushort UnusedFlags { get; init; }

    public int EncodedLength => 6 + Rloc.EncodedLength;

    public ushort FlagWord => (ushort)((UnusedFlags & UnusedFlagsMask) | (Local ? LocalFlag : 0) | (Probed ? ProbedFlag : 0) | (Reachable ? ReachableFlag : 0));

    public void WriteTo(ref SpanWriter writer)
    {
        writer.WriteUInt8(Priority);
        writer.WriteUInt8(Weight);
        writer.WriteUInt8(MulticastPriority);
        writer.WriteUInt8(MulticastWeight);
        writer.WriteUInt16(FlagWord);
        Rloc.WriteTo(ref writer);
    }

    public static bool TryRead(ref SpanReader reader, out LocatorRecord record)
    {
        record = null!;
        if (!reader.TryReadUInt32(out var word, "locator priority/weight")
            || !reader.TryReadUInt16(out var flags, "locator flags")
            || !LispAddress.TryRead(ref reader, out var rloc))
        {
            return false;
        }

        record = new LocatorRecord(
            rloc,
            (byte)(word >> 24),
            (byte)(word >> 16),
            (byte)(word >> 8),
            (byte)word,
            (flags & LocalFlag) != 0,
            (flags & ProbedFlag) != 0,
            (flags & ReachableFlag) != 0)
        {
            UnusedFlags = (ushort)(flags & UnusedFlagsMask),
        };
        return true;
    }

    public override string ToString() =>
        $"{Rloc} {Priority}/{Weight} m{MulticastPriority}/{MulticastWeight}{(Local ? " L" : "")}{(Probed ? " p" : "")}{(Reachable ? " R" : "")}";
}
