using System.Net;
using Loci.ControlPlane.Tests.Support;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using EtrRole = Loci.ControlPlane.Xtr.Etr;

namespace Loci.ControlPlane.Tests.Xtr.EtrTests;

/// <summary>
/// An ETR on a manual clock with a recording sender. Default database: 10.1.0.0/16 (RLOCs 192.0.2.1
/// local, 198.51.100.1) and 2001:db8:1::/48 (RLOC 2001:db8:ff::1 local), both to every Map-Server;
/// Map-Servers "ms-a" at 127.0.0.20 (SHA-256 key "key-a") and "ms-b" at 127.0.0.21 (SHA-1 key 1 "key-b").
/// </summary>
internal sealed class EtrHarness : IDisposable
{
    public static readonly IPEndPoint MsA = new(IPAddress.Parse("127.0.0.20"), 4342);
    public static readonly IPEndPoint MsB = new(IPAddress.Parse("127.0.0.21"), 4342);
    public static readonly IPEndPoint LocalV4 = new(IPAddress.Parse("192.0.2.1"), 4342);
    public static readonly IPEndPoint LocalV6 = new(IPAddress.Parse("2001:db8:ff::1"), 4342);
    public static readonly IPEndPoint ItrV4 = new(IPAddress.Parse("203.0.113.50"), 40000);
    public static readonly IPEndPoint ItrV6 = new(IPAddress.Parse("2001:db8:50::1"), 40001);

    public static readonly AuthenticationKey KeyA = AuthenticationKey.FromPassword("key-a", AuthAlgorithm.HmacSha256_128, 0);
    public static readonly AuthenticationKey KeyB = AuthenticationKey.FromPassword("key-b", AuthAlgorithm.HmacSha1_96, 1);

    public static readonly UInt128 XtrId = UInt128.Parse("123456789012345678901234567890");

    private ulong _nonce = 0x7000;

    public EtrHarness(Func<EtrOptions, EtrOptions>? adjust = null)
    {
        Options = adjust is null ? DefaultOptions() : adjust(DefaultOptions());
        Etr = new EtrRole(Options, new RoundTripCheckingSender(Sender), Clock);
    }

    public ManualTimeProvider Clock { get; } = new();

    public RecordingSender Sender { get; } = new();

    public EtrOptions Options { get; }

    public EtrRole Etr { get; }

    public EtrCounters Counters => Etr.Counters;

    public static EtrOptions DefaultOptions() => new()
    {
        XtrId = XtrId,
        SiteId = 0x5173,
        MapServers =
        [
            new EtrMapServerOptions { Name = "ms-a", Address = MsA, KeyId = 0, Algorithm = AuthAlgorithm.HmacSha256_128, Password = "key-a" },
            new EtrMapServerOptions { Name = "ms-b", Address = MsB, KeyId = 1, Algorithm = AuthAlgorithm.HmacSha1_96, Password = "key-b" },
        ],
        Database =
        [
            Prefix("10.1.0.0/16", Locator("192.0.2.1", 1, 60, local: true), Locator("198.51.100.1", 2, 40)),
            Prefix("2001:db8:1::/48", Locator("2001:db8:ff::1", 1, 100, local: true)),
        ],
    };

    public static EtrPrefixOptions Prefix(string prefix, params LocatorRecord[] locators) =>
        new() { Prefix = EidPrefix.Parse(prefix), Locators = locators };

    public static LocatorRecord Locator(string address, byte priority = 1, byte weight = 100, bool local = false) =>
        new(InetAddress.Parse(address), priority, weight, 255, 0, local);

    /// <summary>Every datagram the ETR sent, parsed by LispMessage.Parse (a test fails if one does not parse).</summary>
    public IReadOnlyList<(IPEndPoint Destination, LispMessage Message)> Sent => Sender.Messages;

    public List<(IPEndPoint Destination, byte[] Payload, MapRegister Register)> Registers(IPEndPoint? to = null) =>
        [.. Sender.Sent
            .Where(s => to is null || s.Destination.Equals(to))
            .Select(s => (s.Destination, s.Payload, Message: LispMessage.Parse(s.Payload)))
            .Where(s => s.Message is MapRegister)
            .Select(s => (s.Destination, s.Payload, (MapRegister)s.Message))];

    public List<(IPEndPoint Destination, MapReply Reply)> Replies() =>
        [.. Sent.Where(s => s.Message is MapReply).Select(s => (s.Destination, (MapReply)s.Message))];

    public List<(IPEndPoint Destination, MapRequest Smr)> Smrs() =>
        [.. Sent.Where(s => s.Message is MapRequest { SolicitMapRequest: true }).Select(s => (s.Destination, (MapRequest)s.Message))];

    public void Advance(TimeSpan delta)
    {
        Clock.Advance(delta);
        Etr.OnTimer();
    }

    public void Deliver(ReadOnlySpan<byte> payload, IPEndPoint from, IPEndPoint? local = null) =>
        Etr.Receive(new InboundDatagram(payload, from, local ?? LocalV4));

    /// <summary>The Map-Notify a well-behaved Map-Server sends for <paramref name="register"/> (RFC 9301 §5.7), signed with <paramref name="key"/>.</summary>
    public static byte[] NotifyFor(MapRegister register, AuthenticationKey key) =>
        new MapNotify(register.Nonce, register.Records) { XtrId = register.XtrId, SiteId = register.SiteId }.ToSignedArray(key);

    /// <summary>Answers every Map-Register sent so far with a valid Map-Notify from its Map-Server.</summary>
    public void ConfirmAll()
    {
        foreach (var (destination, _, register) in Registers())
        {
            Deliver(NotifyFor(register, destination.Equals(MsA) ? KeyA : KeyB), destination);
        }
    }

    public MapRequest Request(string eid, params string[] itrRlocs)
    {
        var (address, mask) = EidConversions.ToWire(EidPrefix.Parse(eid));
        var rlocs = (itrRlocs.Length == 0 ? ["203.0.113.50"] : itrRlocs).Select(r => (LispAddress)InetAddress.Parse(r)).ToArray();
        return new MapRequest(_nonce++, LispAddress.None, rlocs, new[] { new MapRequestRecord(address, mask) });
    }

    public void Dispose() => Etr.Dispose();

    /// <summary>Fails the test at the moment the ETR sends anything that does not parse, or that re-encodes to other bytes.</summary>
    private sealed class RoundTripCheckingSender(RecordingSender inner) : IDatagramSender
    {
        public void Send(IPEndPoint destination, ReadOnlySpan<byte> payload)
        {
            var message = LispMessage.Parse(payload);
            Assert.Equal(payload.ToArray(), message.ToArray());
            inner.Send(destination, payload);
        }
    }
}
