using System.Net;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.EtrTests.EtrHarness;

namespace Loci.ControlPlane.Tests.Xtr.EtrTests;

public class EtrRobustnessTests
{
    [Fact]
    public void Receive_TruncatedRequestNotifyAndEcm_CountedNeverThrowsNothingSent()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        var register = h.Registers(MsA).Single().Register;
        h.Sender.Clear();
        var request = h.Request("10.1.0.1/32").ToArray();
        var notify = NotifyFor(register, KeyA);
        var ecm = new EncapsulatedControlMessage(IPAddress.Parse("203.0.113.50"), IPAddress.Parse("10.1.0.1"), 40000, 4342, h.Request("10.1.0.1/32")).ToArray();

        var delivered = 0;
        foreach (var message in new[] { request, notify, ecm })
        {
            for (var length = 0; length < message.Length; length++)
            {
                h.Deliver(message.AsSpan(0, length), MsA);
                delivered++;
            }
        }

        Assert.Empty(h.Sender.Sent);
        Assert.Equal(delivered, h.Counters.MalformedDropped + h.Counters.UnsupportedDropped + h.Counters.NotifiesRejected);
        Assert.Equal(0, h.Counters.NotifiesVerified);
    }

    [Fact]
    public void Receive_MessagesNotForAnEtr_CountedUnsupported()
    {
        using var h = new EtrHarness();
        var reply = new MapReply(1, Array.Empty<EidRecord>()).ToArray();
        var register = new MapRegister(2, Array.Empty<EidRecord>()).ToSignedArray(KeyA);
        var ack = new MapNotifyAck(3, Array.Empty<EidRecord>()).ToSignedArray(KeyA);
        var ecmOfReply = new EncapsulatedControlMessage(IPAddress.Parse("203.0.113.50"), IPAddress.Parse("10.1.0.1"), 40000, 4342, new MapReply(4, Array.Empty<EidRecord>())).ToArray();
        var requestWithoutRecord = new MapRequest(5, LispAddress.None, new LispAddress[] { InetAddress.Parse("203.0.113.50") }, Array.Empty<MapRequestRecord>()).ToArray();

        foreach (var payload in new[] { reply, register, ack, ecmOfReply })
        {
            h.Deliver(payload, ItrV4);
        }

        h.Deliver(requestWithoutRecord, ItrV4);
        h.Deliver([], ItrV4);

        Assert.Empty(h.Sender.Sent);
        Assert.Equal(4, h.Counters.UnsupportedDropped);
        Assert.Equal(2, h.Counters.MalformedDropped);
    }

    [Fact]
    public void Receive_RandomAndBitFlippedDatagrams_NeverThrowEverythingSentParses()
    {
        using var h = new EtrHarness();
        h.Etr.OnTimer();
        var seeds = new List<byte[]>
        {
            h.Request("10.1.0.1/32").ToArray(),
            (h.Request("10.1.0.0/16") with { Probe = true }).ToArray(),
            NotifyFor(h.Registers(MsA).Single().Register, KeyA),
            new EncapsulatedControlMessage(IPAddress.Parse("2001:db8:50::1"), IPAddress.Parse("2001:db8:1::1"), 40000, 4342, h.Request("2001:db8:1::1/128", "2001:db8:50::1")).ToArray(),
        };
        var random = new Random(5);
        for (var i = 0; i < 3000; i++)
        {
            byte[] datagram;
            if (i % 3 == 0)
            {
                datagram = new byte[random.Next(0, 200)];
                random.NextBytes(datagram);
                if (datagram.Length > 0)
                {
                    datagram[0] = (byte)((new byte[] { 1, 4, 8 }[random.Next(3)] << 4) | (datagram[0] & 0x0F));
                }
            }
            else
            {
                datagram = (byte[])seeds[random.Next(seeds.Count)].Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    datagram[random.Next(datagram.Length)] ^= (byte)(1 << random.Next(8));
                }
            }

            h.Deliver(datagram, random.Next(2) == 0 ? ItrV4 : MsA);
        }

        Assert.All(h.Sender.Sent, s => Assert.NotNull(LispMessage.Parse(s.Payload)));
        Assert.True(h.Counters.MalformedDropped > 0);

        // Still serving after the flood.
        h.Sender.Clear();
        var request = h.Request("10.1.0.1/32");
        h.Deliver(request.ToArray(), ItrV4);
        Assert.Equal(request.Nonce, Assert.Single(h.Replies()).Reply.Nonce);
    }
}
