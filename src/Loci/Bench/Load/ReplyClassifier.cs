using System.Buffers.Binary;
using Loci.Wire;

namespace Loci.Bench.Load;

/// <summary>Reads a reply's type and nonce, and for a Map-Reply whether it is positive, without allocating.</summary>
internal static class ReplyClassifier
{
    /// <summary>Type word (4) + nonce (8): the nonce sits at byte 4 of Map-Reply, Map-Notify and Map-Referral alike.</summary>
    private const int NonceOffset = 4;

    private const int HeaderLength = 12;

    public static ReplyKind Classify(ReadOnlySpan<byte> datagram, out ulong nonce)
    {
        nonce = 0;
        if (datagram.Length < HeaderLength)
        {
            return ReplyKind.Other;
        }

        switch (LispMessage.PeekType(datagram))
        {
            case MessageType.MapReply:
                if (!MapReplyView.TryParse(datagram, out var reply, out _))
                {
                    return ReplyKind.Other;
                }

                nonce = reply.Nonce;
                foreach (var record in reply.Records)
                {
                    return record.LocatorCount > 0 ? ReplyKind.Positive : ReplyKind.Negative;
                }

                return ReplyKind.Negative; // no record at all says nothing is known either
            case MessageType.MapNotify:
                nonce = BinaryPrimitives.ReadUInt64BigEndian(datagram[NonceOffset..]);
                return ReplyKind.Notify;
            case MessageType.MapReferral:
                nonce = BinaryPrimitives.ReadUInt64BigEndian(datagram[NonceOffset..]);
                return ReplyKind.Referral;
            default:
                return ReplyKind.Other;
        }
    }
}
