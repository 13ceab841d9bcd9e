namespace Loci.Wire;

/// <summary>
/// LCAF type 8, Nonce Locator (RFC 8060 §5.3): an address with a 24-bit nonce, used by PETR
/// admission control. The Reserved byte is sent as zero and ignored on receipt.
/// <code>
/// |     Type = 8  |     Rsvd2     |             4 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Reserved    |                  Nonce                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |         Address  ...          |
/// </code>
/// </summary>
public sealed record NonceLocatorAddress(uint Nonce, LispAddress Address) : LcafAddress
{
    /// <summary>The nonce is 24 bits wide.</summary>
    public const uint MaxNonce = 0xFF_FFFF;

    public uint Nonce { get; } = Nonce <= MaxNonce
        ? Nonce
        : throw new ArgumentOutOfRangeException(nameof(Nonce), Nonce, "The nonce-locator nonce is 24 bits.");

    public override LcafType LcafType => LcafType.NonceLocator;

    public override int PayloadLength => 4 + Address.EncodedLength;

    internal override void WritePayload(ref SpanWriter writer)
    {
        // Reserved (8) and Nonce (24) share one word; Reserved is zero.
        writer.WriteUInt32(Nonce);
        Address.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TryReadUInt32(out var word, "nonce locator nonce")
            || !AddressCodec.TryRead(ref payload, depth, out var inner))
        {
            return false;
        }

        address = new NonceLocatorAddress(word & MaxNonce, inner);
        return true;
    }

    public override string Format() => $"nonce(0x{Nonce:x6}, {Address.Format()})";
}
