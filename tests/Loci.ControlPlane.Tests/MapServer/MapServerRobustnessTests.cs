using Loci.Wire;
using static Loci.ControlPlane.Tests.MapServer.MapServerHarness;

namespace Loci.ControlPlane.Tests.MapServer;

public class MapServerRobustnessTests
{
    [Fact]
    public void Receive_TruncatedAtEveryLength_CountedNeverThrows()
    {
        using var h = new MapServerHarness();
        var register = h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")], notify: true, xtrId: 5).ToSignedArray(Site1Key);
        var request = h.Request("10.1.0.7").ToArray();
        var ecm = Ecm(h.Request("10.1.0.7"), 55555, ddt: true).ToArray();
        var cuts = 0;
        foreach (var whole in new[] { register, request, ecm })
        {
            for (var length = 0; length < whole.Length; length++)
            {
                h.Deliver(whole.AsSpan(0, length), Etr1);
                cuts++;
            }
        }

        Assert.Equal(cuts, h.Counters.MalformedDropped);
        Assert.Empty(h.Server.GetRegistrations());
        Assert.Empty(h.Sender.Sent);
    }

    [Fact]
    public void Receive_RandomAndBitFlippedDatagrams_CountedAndStillAnswers()
    {
        using var h = new MapServerHarness();
        h.RegisterSite1("10.1.0.0/24");
        var random = new Random(4342);
        var register = h.Register([Record("10.1.0.0/24", 3, "127.0.0.101")]).ToSignedArray(Site1Key);
        var request = h.Request("10.1.0.7").ToArray();
        for (var i = 0; i < 3000; i++)
        {
            byte[] datagram;
            switch (i % 3)
            {
                case 0:
                    datagram = new byte[random.Next(0, 200)];
                    random.NextBytes(datagram);
                    break;
                case 1:
                    datagram = (byte[])register.Clone();
                    datagram[random.Next(datagram.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                default:
                    datagram = (byte[])request.Clone();
                    datagram[random.Next(datagram.Length)] ^= (byte)(1 << random.Next(8));
                    break;
            }

            h.Deliver(datagram, Etr1);
        }

        // Every bit-flipped register was refused: the HMAC covers every byte (pitfall 8).
        Assert.Equal(1, h.Counters.RegistersAccepted);
        Assert.True(h.Counters.MalformedDropped + h.Counters.UnsupportedDropped + h.Counters.AuthFailures + h.Counters.PrefixRejected > 1000);

        h.Sender.Clear();
        h.Deliver(request, Itr);
        Assert.IsType<MapReply>(h.Single().Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x30 })] // Map-Register type, 1 byte
    [InlineData(new byte[] { 0x30, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0x89, 0x2D })] // auth length 35117 (pitfall 5)
    [InlineData(new byte[] { 0x80, 0, 0, 0, 0x45 })] // ECM with a cut inner header
    [InlineData(new byte[] { 0x10, 0, 0x1F, 0 })] // Map-Request claiming 32 ITR-RLOCs
    public void Receive_HostileLengths_MalformedCounted(byte[] datagram)
    {
        using var h = new MapServerHarness();
        h.Deliver(datagram, Etr1);

        Assert.Equal(1, h.Counters.MalformedDropped);
        Assert.Empty(h.Sender.Sent);
    }

    [Fact]
    public void Receive_OtherMessageTypes_CountedUnsupported()
    {
        using var h = new MapServerHarness();
        h.Deliver(new MapReply(1, Array.Empty<EidRecord>()).ToArray(), Etr1);
        h.Deliver(new MapReferral(1, Array.Empty<ReferralRecord>()).ToArray(), Etr1);

        Assert.Equal(2, h.Counters.UnsupportedDropped);
        Assert.Empty(h.Sender.Sent);
    }
}
