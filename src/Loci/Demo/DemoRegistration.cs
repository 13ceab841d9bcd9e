using System.Net;
using Loci.Wire;

namespace Loci.Demo;

/// <summary>One registration the demo's built-in registrar sends (until the tunnel-router issue brings real ETRs).</summary>
internal sealed record DemoRegistration(string Site, string Password, IPAddress MapServer, string Prefix, IPAddress[] Rlocs, bool Sha1)
{
    public static readonly DemoRegistration[] All =
    [
        new("site1", "site1-key", IPAddress.Parse("127.0.0.20"), "10.1.0.0/24", [IPAddress.Parse("127.0.0.101"), IPAddress.Parse("127.0.0.102")], Sha1: false),
        new("site1", "site1-key", IPAddress.Parse("127.0.0.20"), "2001:db8:1::/64", [IPAddress.Parse("127.0.0.101")], Sha1: true),
        new("site2", "site2-key", IPAddress.Parse("127.0.0.20"), "10.2.0.0/24", [IPAddress.Parse("127.0.0.103")], Sha1: false),
        new("site3", "site3-key", IPAddress.Parse("127.0.0.21"), "10.3.0.0/24", [IPAddress.Parse("127.0.0.104")], Sha1: true),
    ];

    /// <summary>The Map-Register: proxy-reply (no ETRs answer yet), want-map-notify, priority 1 weight 50 per RLOC.</summary>
    public MapRegister ToMessage(ulong nonce)
    {
        var slash = Prefix.IndexOf('/', StringComparison.Ordinal);
        var eid = InetAddress.Parse(Prefix[..slash]);
        var mask = byte.Parse(Prefix[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var locators = Rlocs.Select(r => new LocatorRecord(new InetAddress(r), 1, (byte)(100 / Rlocs.Length), Reachable: true)).ToArray();
        var record = new EidRecord(eid, mask, 3, locators, authoritative: true);
        return new MapRegister(nonce, new[] { record }) { ProxyReply = true, WantMapNotify = true };
    }

    public AuthenticationKey Key() =>
        AuthenticationKey.FromPassword(Password, Sha1 ? AuthAlgorithm.HmacSha1_96 : AuthAlgorithm.HmacSha256_128, keyId: (byte)(Sha1 ? 1 : 0));
}
