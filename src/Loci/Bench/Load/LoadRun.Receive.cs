using System.Diagnostics;
using System.Net.Sockets;

namespace Loci.Bench.Load;

/// <summary>
/// Reading replies: one receive thread per socket with blocking reads, or the sender draining the
/// non-blocking sockets itself (<see cref="ReceiveMode"/>). Either way each socket's counts and
/// latencies go into its own <see cref="ReceiverStats"/>, written by one thread only.
/// </summary>
internal sealed partial class LoadRun
{
    /// <summary>
    /// Threads mode: blocking reads that give up after the socket's receive timeout to look at the stop
    /// flag. The out-SocketError overload reports the timeout (and ICMP errors for earlier sends)
    /// without an exception; the replies' source is not needed, the nonce says whose they are.
    /// </summary>
    private void ReceiveLoop(int index)
    {
        var socket = _sockets.Sockets[index];
        var stats = _receivers[index];
        var buffer = new byte[ushort.MaxValue];
        while (!_stopping)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            int length;
            try
            {
                length = socket.Receive(buffer, SocketFlags.None, out var error);
                if (error != SocketError.Success)
                {
                    continue;
                }
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            Account(stats, buffer.AsSpan(0, length), Stopwatch.GetTimestamp());
            stats.AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
        }
    }

    /// <summary>
    /// Inline mode: reads every datagram waiting on every socket. The out-SocketError overload reports
    /// "would block" without an exception, so an empty socket costs one system call and no allocation.
    /// </summary>
    private bool DrainSockets(byte[] buffer)
    {
        var any = false;
        var sockets = _sockets.Sockets;
        for (var i = 0; i < sockets.Length; i++)
        {
            while (true)
            {
                var length = sockets[i].Receive(buffer, SocketFlags.None, out var error);
                if (error == SocketError.ConnectionReset)
                {
                    continue; // an ICMP error for an earlier send
                }

                if (error != SocketError.Success)
                {
                    break;
                }

                Account(_receivers[i], buffer.AsSpan(0, length), Stopwatch.GetTimestamp());
                any = true;
            }
        }

        return any;
    }

    private void Account(ReceiverStats stats, ReadOnlySpan<byte> datagram, long received)
    {
        var kind = ReplyClassifier.Classify(datagram, out var nonce);
        if (kind == ReplyKind.Other)
        {
            stats.Unmatched++;
            return;
        }

        if (SequenceNonce.RunId(nonce) != _runId)
        {
            stats.Stale++;
            return;
        }

        var sequence = SequenceNonce.Sequence(nonce);
        if (sequence >= _phase.TotalMessages)
        {
            stats.Unmatched++;
            return;
        }

        switch (_log.TryClaim(sequence, out var sent))
        {
            case ClaimResult.Matched when sequence < _phase.WarmupMessages:
                Volatile.Write(ref stats.WarmupAnswered, stats.WarmupAnswered + 1);
                break;
            case ClaimResult.Matched:
                stats.Replies[(int)kind]++;
                stats.Latency.Record((long)((received - sent) * _nanosecondsPerTick));
                Volatile.Write(ref stats.Answered, stats.Answered + 1);
                break;
            case ClaimResult.Duplicate:
                stats.Duplicates++;
                break;
            default:
                stats.Late++;
                break;
        }
    }
}
