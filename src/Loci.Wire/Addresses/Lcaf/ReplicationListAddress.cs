using System.Collections.Immutable;

namespace Loci.Wire;

/// <summary>
/// LCAF type 13, Replication List Entry (RFC 8060 §4.9): the RTRs/ETRs a multicast packet is
/// replicated to, each with its level in the replication tree. Entries fill Length exactly; Rsvd3
/// and Rsvd4 are sent as zero and ignored on receipt.
/// <code>
/// |     Type = 13 |    Rsvd2      |             4 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              Rsvd3            |     Rsvd4     |  Level Value  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |           RTR/ETR #1 ...      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              Rsvd3            |     Rsvd4     |  Level Value  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |           RTR/ETR  #n ...     |
/// </code>
/// </summary>
public sealed record ReplicationListAddress(EquatableArray<ReplicationEntry> Entries) : LcafAddress
{
    public override LcafType LcafType => LcafType.ReplicationList;

    public override int PayloadLength
    {
        get
        {
            var length = 0;
            foreach (var entry in Entries)
            {
                length += entry.EncodedLength;
            }

            return length;
        }
    }

    internal override void WritePayload(ref SpanWriter writer)
    {
        foreach (var entry in Entries)
        {
            writer.WriteUInt16(0);
            writer.WriteUInt8(0);
            writer.WriteUInt8(entry.Level);
            entry.Address.WriteTo(ref writer);
        }
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        var entries = ImmutableArray.CreateBuilder<ReplicationEntry>();
        while (!payload.IsAtEnd)
        {
            if (!payload.TrySkip(3, "replication entry reserved")
                || !payload.TryReadUInt8(out var level, "replication entry level")
                || !AddressCodec.TryRead(ref payload, depth, out var target))
            {
                return false;
            }

            entries.Add(new ReplicationEntry(level, target));
        }

        address = new ReplicationListAddress(entries.ToImmutable());
        return true;
    }

    public override string Format()
    {
        var parts = new string[Entries.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Entries[i].Format();
        }

        return $"rle({string.Join(", ", parts)})";
    }
}
