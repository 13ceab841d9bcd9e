using Loci.Bench.Load;

namespace Loci.Tests.Bench;

public class SendLogTests
{
    [Fact]
    public void TryClaim_AfterRecord_MatchedOnceWithTheSendTime_ThenDuplicate()
    {
        var log = new SendLog(16, origin: 1_000);
        log.Record(5, 1_234);

        Assert.Equal(ClaimResult.Matched, log.TryClaim(5, out var sent));
        Assert.Equal(1_234, sent);
        Assert.True(log.WasAnswered(5));
        Assert.Equal(ClaimResult.Duplicate, log.TryClaim(5, out _));
    }

    [Fact]
    public void TryClaim_SentAtTheOrigin_StillMatched()
    {
        var log = new SendLog(4, origin: 500);
        log.Record(0, 500);
        Assert.Equal(ClaimResult.Matched, log.TryClaim(0, out var sent));
        Assert.Equal(500, sent);
    }

    [Fact]
    public void TryClaim_NeverSent_Late()
    {
        var log = new SendLog(8, origin: 0);
        Assert.Equal(ClaimResult.Late, log.TryClaim(3, out _));
        Assert.False(log.WasAnswered(3));
    }

    [Fact]
    public void TryClaim_SlotReusedByALaterLap_OldReplyIsLate_NewOneMatches()
    {
        var log = new SendLog(4, origin: 0);
        log.Record(1, 10);
        log.Record(5, 50); // same slot, next lap of the ring

        Assert.Equal(4, log.Capacity);
        Assert.Equal(ClaimResult.Late, log.TryClaim(1, out _));
        Assert.Equal(ClaimResult.Matched, log.TryClaim(5, out var sent));
        Assert.Equal(50, sent);
        Assert.False(log.WasAnswered(1));
    }

    [Fact]
    public void Capacity_RoundedUpToAPowerOfTwo()
    {
        Assert.Equal(1024, new SendLog(1000, 0).Capacity);
        Assert.Equal(1, new SendLog(1, 0).Capacity);
    }

    [Fact]
    public void TryClaim_TwoThreadsRacingOnEveryReply_EachMessageMatchedExactlyOnce()
    {
        const int Messages = 200_000;
        var log = new SendLog(Messages, origin: 0);
        for (var i = 0; i < Messages; i++)
        {
            log.Record(i, i + 1);
        }

        var matched = new int[2];
        var duplicates = new int[2];
        Parallel.For(0, 2, thread =>
        {
            for (var i = 0; i < Messages; i++)
            {
                switch (log.TryClaim(i, out _))
                {
                    case ClaimResult.Matched:
                        matched[thread]++;
                        break;
                    case ClaimResult.Duplicate:
                        duplicates[thread]++;
                        break;
                }
            }
        });

        Assert.Equal(Messages, matched.Sum());
        Assert.Equal(Messages, duplicates.Sum());
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0xBEEF, 123_456_789)]
    [InlineData(ushort.MaxValue, SequenceNonce.MaxSequence)]
    public void SequenceNonce_RoundTrip(ushort runId, long sequence)
    {
        var nonce = SequenceNonce.Encode(runId, sequence);
        Assert.Equal(runId, SequenceNonce.RunId(nonce));
        Assert.Equal(sequence, SequenceNonce.Sequence(nonce));
        Assert.Equal((ulong)runId, nonce >> 48);
    }

    [Fact]
    public void SequenceNonce_NewRunId_NeverZeroNorThePrevious()
    {
        ushort previous = 1;
        for (var i = 0; i < 10_000; i++)
        {
            var id = SequenceNonce.NewRunId(previous);
            Assert.NotEqual(0, id);
            Assert.NotEqual(previous, id);
            previous = id;
        }
    }
}
