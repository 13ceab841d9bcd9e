namespace Loci.Bench.Load;

/// <summary>
/// The messages of one run: message <c>sequence</c> is written from a preencoded template with only
/// the nonce, the EID and what depends on them (ECM checksums, the register's HMAC) patched in, and
/// always leaves through the same socket for the same EID so a peer that keys state on the source
/// port (a Map-Server's registration memo) sees a steady client.
/// </summary>
internal abstract class LoadMessages
{
    /// <summary>The largest message <see cref="Write"/> produces.</summary>
    public abstract int MaxLength { get; }

    /// <summary>
    /// Writes message <paramref name="sequence"/> carrying <paramref name="nonce"/>; returns its length,
    /// the index of the socket to send it from and whether a reply is expected. Allocation-free.
    /// </summary>
    public abstract int Write(long sequence, ulong nonce, Span<byte> destination, out int socket, out bool expectsReply);
}
