using System.Diagnostics;
using System.Net.Sockets;

namespace Loci.Bench.Load;

/// <summary>The sender: open loop, paced by Stopwatch timestamps.</summary>
internal sealed partial class LoadRun
{
    /// <summary>
    /// Below this much time to the next message the sender spins; above, it yields the core (to the
    /// receive threads when they share it); above 1.5 ms it sleeps, since Thread.Sleep(1) takes a
    /// little over 1 ms on Linux. Smooth pacing matters more than the core: messages sent in 1 ms
    /// bursts would queue behind each other at the target and inflate its tail latency.
    /// </summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 50_000;

    private static readonly long SleepTicks = Stopwatch.Frequency * 3 / 2000;

    /// <summary>
    /// Message i is due at start + i / rate. Each pass sends every message now due; when more than a
    /// burst (<see cref="LoadPhase.BurstCap"/>) is due, the oldest are skipped and counted as generator
    /// lag rather than sent late, so the offered load stays what was asked for, or the report says it was not.
    /// Between passes the sender waits, or with <see cref="ReceiveMode.Inline"/> reads the replies.
    /// </summary>
    private void SendLoop()
    {
        var buffer = new byte[_messages.MaxLength];
        var replyBuffer = _receiveMode == ReceiveMode.Inline ? new byte[ushort.MaxValue] : [];

        // Compile the message path before the schedule starts, so the first messages are not late.
        _messages.Write(0, 0, buffer, out _, out _);
        var total = _phase.TotalMessages;
        var warmup = _phase.WarmupMessages;
        var cap = _phase.BurstCap;
        var messagesPerTick = 1.0 / _ticksPerMessage;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        long next = 0;
        while (next < total)
        {
            var now = Stopwatch.GetTimestamp();
            var elapsed = now - _scheduleStart;
            var due = elapsed < 0 ? 0 : Math.Min(total, (long)(elapsed * messagesPerTick) + 1);
            if (replyBuffer.Length > 0)
            {
                // Inline: read replies on every pass, even when behind, or they would pile up in the kernel.
                DrainSockets(replyBuffer);
            }
            else if (due <= next)
            {
                Pause(_scheduleStart + (long)(next * _ticksPerMessage) - now);
            }

            if (due <= next)
            {
                continue;
            }

            // Lateness and lag count in the measured part only: the warm-up is there to absorb start-up.
            var behind = now - (_scheduleStart + (long)(next * _ticksPerMessage));
            if (next >= warmup && behind > _sender.MaxBehindTicks)
            {
                _sender.MaxBehindTicks = behind;
            }

            if (due - next > cap)
            {
                var resume = due - cap;
                var skipped = resume - Math.Max(next, warmup);
                if (skipped > 0)
                {
                    _sender.LagEvents++;
                    _sender.Skipped += skipped;
                }

                next = resume;
            }

            for (; next < due; next++)
            {
                SendOne(next, warmup, buffer);
            }
        }

        _sendEnd = Stopwatch.GetTimestamp();
        _sending = false;
        _sendDone.Set();
        while (replyBuffer.Length > 0 && !_stopping)
        {
            if (!DrainSockets(replyBuffer))
            {
                Thread.Yield();
            }
        }

        _sender.AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
    }

    private void SendOne(long sequence, long warmup, byte[] buffer)
    {
        var length = _messages.Write(sequence, SequenceNonce.Encode(_runId, sequence), buffer, out var socket, out var expectsReply);

        // Logged before the send: on loopback the reply can be read before SendTo returns.
        _log.Record(sequence, Stopwatch.GetTimestamp());
        try
        {
            _sockets.Sockets[socket].SendTo(buffer.AsSpan(0, length), SocketFlags.None, _sockets.TargetAddresses[socket]);
        }
        catch (SocketException)
        {
            _sender.SendErrors++;
            return;
        }

        if (sequence >= warmup)
        {
            _sender.Sent++;
            _sender.ExpectedReplies += expectsReply ? 1 : 0;
        }
        else
        {
            _sender.WarmupSent++;
            _sender.WarmupExpectedReplies += expectsReply ? 1 : 0;
        }
    }

    private static void Pause(long ticks)
    {
        if (ticks > SleepTicks)
        {
            Thread.Sleep(1);
        }
        else if (ticks > SpinTicks)
        {
            Thread.Yield();
        }
        else
        {
            Thread.SpinWait(16);
        }
    }
}
