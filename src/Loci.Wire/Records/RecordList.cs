namespace Loci.Wire;

/// <summary>Reads the counted record lists shared by several messages.</summary>
internal static class RecordList
{
    public static bool TryReadEidRecords(ref SpanReader reader, int count, out EquatableArray<EidRecord> records)
    {
        records = default;
        if (count == 0)
        {
            return true;
        }

        var list = new EidRecord[count];
        for (var i = 0; i < count; i++)
        {
            if (!EidRecord.TryRead(ref reader, out list[i]))
            {
                return false;
            }
        }

        records = list;
        return true;
    }

    public static int EncodedLength(in EquatableArray<EidRecord> records)
    {
        var length = 0;
        foreach (var record in records)
        {
            length += record.EncodedLength;
        }

        return length;
    }
}
