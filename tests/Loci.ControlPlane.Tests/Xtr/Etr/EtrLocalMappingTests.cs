using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using static Loci.ControlPlane.Tests.Xtr.EtrTests.EtrHarness;

namespace Loci.ControlPlane.Tests.Xtr.EtrTests;

/// <summary>
/// The pre-encoded record the ETR answers Map-Requests with, and the Map-Replies built from it: byte
/// for byte what the model writes, so the allocation-free answer path (issue #6) changes nothing on the wire.
/// </summary>
public class EtrLocalMappingTests
{
    public static TheoryData<string> Prefixes => ["10.1.0.0/16", "2001:db8:1::/48", "[1000]10.2.0.0/16", "[7]2001:db8:7::/64", "00-11-22-33-44-00/40", "0.0.0.0/0"];

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void EncodedRecord_EqualsTheModelsEncodingAndParsesBackToTheRecord(string prefix)
    {
        var options = Prefix(prefix, Locator("192.0.2.1", 1, 60, local: true), Locator("2001:db8:ff::1", 2, 40)) with { TtlMinutes = 90 };
        var elp = new LocatorRecord(new ExplicitLocatorPathAddress(new[] { new ElpHop(InetAddress.Parse("198.51.100.7"), Lookup: true), new ElpHop(InetAddress.Parse("198.51.100.8")) }), 3, 10, 255, 0);
        var withElp = options with { Locators = [.. options.Locators, elp] };

        foreach (var entry in new[] { options, withElp })
        {
            var mapping = new EtrLocalMapping(entry, [0]);

            var modelReply = new MapReply(0x1234_5678_9ABC_DEF0, new[] { mapping.Record }).ToArray();
            Assert.Equal(modelReply[12..], mapping.EncodedRecord.ToArray());
            var reader = new SpanReader(mapping.EncodedRecord);
            Assert.True(EidRecord.TryRead(ref reader, out var parsed));
            Assert.True(reader.IsAtEnd);
            Assert.Equal(mapping.Record, parsed);
            Assert.True(parsed.Authoritative);
            Assert.Equal(90u, parsed.Ttl);
            Assert.Equal(entry.Locators, parsed.Locators.AsEnumerable());
        }
    }

    [Fact]
    public void Receive_NativeEcmAndInstanceIdRequests_ReplyBytesEqualTheModelsMapReply()
    {
        using var h = new EtrHarness(o => o with { Database = [.. o.Database, Prefix("[1000]10.1.0.0/16", Locator("192.0.2.7", 1, 100, local: true))] });
        var native = h.Request("10.1.2.3/32");
        var ecmInner = h.Request("2001:db8:1::9/128", "2001:db8:50::1");
        var ecm = new EncapsulatedControlMessage(IPAddress.Parse("2001:db8:50::1"), IPAddress.Parse("2001:db8:1::9"), 50123, 4342, ecmInner) { ToEtr = true };
        var instance = h.Request("[1000]10.1.9.9/32");

        h.Deliver(native.ToArray(), ItrV4);
        h.Deliver(ecm.ToArray(), MsA);
        h.Deliver(instance.ToArray(), ItrV4);

        Assert.Equal(
            [
                Expected(native.Nonce, "10.1.0.0/16", Locator("192.0.2.1", 1, 60, local: true), Locator("198.51.100.1", 2, 40)),
                Expected(ecmInner.Nonce, "2001:db8:1::/48", Locator("2001:db8:ff::1", 1, 100, local: true)),
                Expected(instance.Nonce, "[1000]10.1.0.0/16", Locator("192.0.2.7", 1, 100, local: true)),
            ],
            h.Sender.Sent.Select(s => s.Payload));
        Assert.Equal([ItrV4, new IPEndPoint(IPAddress.Parse("2001:db8:50::1"), 50123), ItrV4], h.Sender.Sent.Select(s => s.Destination));
        Assert.Equal(3, h.Counters.RequestsAnswered);
    }

    [Fact]
    public void Receive_AfterUpdateAndSetPrefix_ReplyBytesCarryTheNewRecord()
    {
        using var h = new EtrHarness();
        h.Etr.UpdateMapping(EidPrefix.Parse("10.1.0.0/16"), [Locator("192.0.2.99", 5, 100, local: true)]);
        var afterUpdate = h.Request("10.1.2.3/32");
        h.Deliver(afterUpdate.ToArray(), ItrV4);
        h.Etr.SetPrefix(Prefix("10.1.0.0/16", Locator("192.0.2.98", 1, 10), Locator("192.0.2.97", 1, 90)) with { TtlMinutes = 5 });
        var afterSet = h.Request("10.1.2.3/32");
        h.Deliver(afterSet.ToArray(), ItrV4);

        var replies = h.Sender.Sent.Where(s => LispMessage.PeekType(s.Payload) == MessageType.MapReply).Select(s => s.Payload).ToList();
        Assert.Equal(Expected(afterUpdate.Nonce, "10.1.0.0/16", Locator("192.0.2.99", 5, 100, local: true)), replies[0]);
        Assert.Equal(Expected(afterSet.Nonce, "10.1.0.0/16", 5, Locator("192.0.2.98", 1, 10), Locator("192.0.2.97", 1, 90)), replies[1]);
    }

    /// <summary>The authoritative one-record Map-Reply built independently of the ETR, through the model.</summary>
    private static byte[] Expected(ulong nonce, string prefix, params LocatorRecord[] locators) =>
        Expected(nonce, prefix, EtrPrefixOptions.DefaultTtlMinutes, locators);

    private static byte[] Expected(ulong nonce, string prefix, uint ttl, params LocatorRecord[] locators)
    {
        var (address, mask) = EidConversions.ToWire(EidPrefix.Parse(prefix));
        return new MapReply(nonce, new[] { new EidRecord(address, mask, ttl, locators, MapReplyAction.NoAction, authoritative: true) }).ToArray();
    }
}
