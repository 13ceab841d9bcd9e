using System.Net;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Tests.MapResolver;

/// <summary>Builders for the messages of DDT and Map-Resolver role tests.</summary>
internal static class DdtMessages
{
    public static readonly IPEndPoint Itr = new(IPAddress.Parse("192.0.2.1"), 50_000);
    public static readonly IPEndPoint MrLocal = new(IPAddress.Parse("127.0.0.30"), 4342);
    public static readonly IPEndPoint Root = Endpoint("127.0.0.10");
    public static readonly IPEndPoint Node = Endpoint("127.0.0.11");
    public static readonly IPEndPoint MsEndpoint = Endpoint("127.0.0.20");

    public static IPEndPoint Endpoint(string address, int port = 4342) => new(IPAddress.Parse(address), port);

    public static MapRequest Request(ulong nonce, string eid, string itrRloc = "192.0.2.1")
    {
        var address = IPAddress.Parse(eid);
        var mask = (byte)(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return new MapRequest(nonce, LispAddress.None, new LispAddress[] { new InetAddress(IPAddress.Parse(itrRloc)) }, new[] { new MapRequestRecord(new InetAddress(address), mask) });
    }

    /// <summary>An ITR's ECM Map-Request (RFC 9301 §5.8): inner source the ITR, inner destination the EID when the families match.</summary>
    public static byte[] ItrEcm(ulong nonce, string eid, bool ddtOriginated = false)
    {
        var request = Request(nonce, eid);
        var eidAddress = IPAddress.Parse(eid);
        var destination = eidAddress.AddressFamily == Itr.Address.AddressFamily ? eidAddress : MrLocal.Address;
        return new EncapsulatedControlMessage(Itr.Address, destination, (ushort)Itr.Port, 4342, request) { DdtOriginated = ddtOriginated }.ToArray();
    }

    public static byte[] Referral(ulong nonce, string prefix, ReferralAction action, uint ttl, params string[] targets) =>
        Referral(nonce, prefix, action, ttl, incomplete: action == ReferralAction.NotAuthoritative, targets);

    public static byte[] Referral(ulong nonce, string prefix, ReferralAction action, uint ttl, bool incomplete, params string[] targets)
    {
        var (address, mask) = EidConversions.ToWire(EidPrefix.Parse(prefix));
        var locators = targets.Select(t => new LocatorRecord(new InetAddress(IPAddress.Parse(t)), 1, 100)).ToArray();
        return new MapReferral(nonce, new[] { new ReferralRecord(address, mask, ttl, action, locators, authoritative: true, incomplete) }).ToArray();
    }

    public static void Deliver(IRole role, byte[] payload, IPEndPoint from, IPEndPoint? local = null) =>
        role.Receive(new InboundDatagram(payload, from, local ?? MrLocal));
}
