using System.Net;
using Loci.ControlPlane.MapServers;
using Loci.ControlPlane.Tests.Support;
using Loci.Prefixes;
using Loci.Wire;
using MapServerRole = Loci.ControlPlane.MapServers.MapServer;

namespace Loci.ControlPlane.Tests.MapServer;

/// <summary>
/// A Map-Server on a manual clock with a recording sender, configured like `loci demo`'s 127.0.0.20:
/// site1 (10.1.0.0/16, 2001:db8:1::/48; key 0/SHA-256 "site1-key" and key 1/SHA-1 "site1-next" for
/// rollover; more-specifics allowed) and site2 (10.2.0.0/16; exact prefixes only; RLOCs in
/// 192.0.2.0/24), inside the EID space 10.0.0.0/8.
/// </summary>
internal sealed class MapServerHarness : IDisposable
{
    public static readonly IPEndPoint Local = new(IPAddress.Parse("127.0.0.20"), 4342);
    public static readonly IPEndPoint Etr1 = new(IPAddress.Parse("127.0.0.101"), 4342);
    public static readonly IPEndPoint Etr2 = new(IPAddress.Parse("127.0.0.102"), 4342);
    public static readonly IPEndPoint Itr = new(IPAddress.Parse("127.0.0.50"), 40000);
    public static readonly IPEndPoint Resolver = new(IPAddress.Parse("127.0.0.30"), 4342);

    public static readonly AuthenticationKey Site1Key = AuthenticationKey.FromPassword("site1-key", AuthAlgorithm.HmacSha256_128, 0);
    public static readonly AuthenticationKey Site1NextKey = AuthenticationKey.FromPassword("site1-next", AuthAlgorithm.HmacSha1_96, 1);
    public static readonly AuthenticationKey Site2Key = AuthenticationKey.FromPassword("site2-key", AuthAlgorithm.HmacSha256_128, 0);
    public static readonly AuthenticationKey WrongKey = AuthenticationKey.FromPassword("not-the-key", AuthAlgorithm.HmacSha256_128, 0);

    private ulong _nonce = 0x1000;

    public MapServerHarness(Func<MapServerOptions, MapServerOptions>? adjust = null, System.Diagnostics.Metrics.IMeterFactory? meters = null)
    {
        Options = adjust is null ? DefaultOptions() : adjust(DefaultOptions());
        Server = new MapServerRole(Options, Sender, Clock, Local, meters);
    }

    public ManualTimeProvider Clock { get; } = new();

    public RecordingSender Sender { get; } = new();

    public MapServerOptions Options { get; }

    public MapServerRole Server { get; }

    public MapServerCounters Counters => Server.Counters;

    public static MapServerOptions DefaultOptions() => new()
    {
        EidSpace = [EidPrefix.Parse("10.0.0.0/8")],
        Sites =
        [
            new SiteOptions
            {
                Name = "site1",
                Keys = [new SiteKeyOptions { KeyId = 0, Algorithm = AuthAlgorithm.HmacSha256_128, Password = "site1-key" }, new SiteKeyOptions { KeyId = 1, Algorithm = AuthAlgorithm.HmacSha1_96, Password = "site1-next" }],
                AllowedPrefixes = [EidPrefix.Parse("10.1.0.0/16"), EidPrefix.Parse("2001:db8:1::/48")],
                AcceptMoreSpecifics = true,
            },
            new SiteOptions
            {
                Name = "site2",
                Keys = [new SiteKeyOptions { Password = "site2-key" }],
                AllowedPrefixes = [EidPrefix.Parse("10.2.0.0/16")],
                AllowedRlocs = [EidPrefix.Parse("192.0.2.0/24")],
            },
        ],
    };

    public static EidRecord Record(string prefix, uint ttl = 3, params string[] rlocs)
    {
        var eid = EidPrefix.Parse(prefix);
        var (address, mask) = EidConversions.ToWire(eid);
        return new EidRecord(address, mask, ttl, rlocs.Select(r => new LocatorRecord(InetAddress.Parse(r), 1, 50)).ToArray());
    }

    public MapRegister Register(EidRecord[] records, bool proxy = true, bool notify = false, UInt128? xtrId = null, bool useTtl = false) =>
        new(_nonce++, records)
        {
            ProxyReply = proxy,
            WantMapNotify = notify,
            UseTtl = useTtl,
            XtrId = xtrId,
            SiteId = xtrId is null ? null : 0x5157E1,
        };

    public byte[] Send(MapRegister register, AuthenticationKey key, IPEndPoint? from = null)
    {
        var bytes = register.ToSignedArray(key);
        Deliver(bytes, from ?? Etr1);
        return bytes;
    }

    /// <summary>Registers prefix → RLOCs for site1 (proxy by default) and clears the recorder.</summary>
    public void RegisterSite1(string prefix, bool proxy = true, params string[] rlocs)
    {
        Send(Register([Record(prefix, 3, rlocs.Length == 0 ? ["127.0.0.101"] : rlocs)], proxy), Site1Key);
        Sender.Clear();
    }

    public void Deliver(ReadOnlySpan<byte> payload, IPEndPoint from) => Server.Receive(new InboundDatagram(payload, from, Local));

    public MapRequest Request(string eid, string itrRloc = "127.0.0.50")
    {
        var prefix = EidPrefix.Parse(eid);
        var (address, mask) = EidConversions.ToWire(prefix);
        return new MapRequest(_nonce++, LispAddress.None, new LispAddress[] { InetAddress.Parse(itrRloc) }, new[] { new MapRequestRecord(address, mask) });
    }

    public static EncapsulatedControlMessage Ecm(MapRequest request, ushort innerSourcePort, bool ddt = false) =>
        new(IPAddress.Parse("127.0.0.50"), IPAddress.Parse("10.1.0.7"), innerSourcePort, 4342, request) { DdtOriginated = ddt };

    public (IPEndPoint Destination, LispMessage Message) Single()
    {
        var messages = Sender.Messages;
        Assert.Single(messages);
        return messages[0];
    }

    public void Dispose() => Server.Dispose();
}
