namespace Loci.ControlPlane.Xtr;

/// <summary>
/// A Map-Register sent with the M bit and not yet confirmed. Retransmissions resend the same signed
/// bytes, nonce included, so a Map-Notify answering any copy confirms it (RFC 9301 §5.7: the
/// Map-Notify carries the Map-Register's nonce).
/// </summary>
internal sealed class EtrPendingRegister(ulong nonce, byte[] bytes, DateTimeOffset nextRetransmit)
{
    public ulong Nonce { get; } = nonce;

    public byte[] Bytes { get; } = bytes;

    public DateTimeOffset NextRetransmit { get; set; } = nextRetransmit;

    public int Retransmits { get; set; }

    public bool Confirmed { get; set; }
}
