namespace Loci.Wire;

/// <summary>
/// One entry of a Replication List (RFC 8060 §4.9): the replication level and the RTR or ETR
/// address to replicate to.
/// </summary>
public sealed record ReplicationEntry(byte Level, LispAddress Address)
{
    /// <summary>Bytes on the wire: Rsvd3, Rsvd4, Level, AFI and address.</summary>
    public int EncodedLength => 4 + Address.EncodedLength;

    public override string ToString() => Format();

    public string Format() => $"{Address.Format()} L{Level}";
}
