using System.Buffers.Binary;
using System.Net;
using Loci.ControlPlane.MapServers;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Bench.SeedEval;

/// <summary>
/// The Map-Registers of seed 002's sites: each site's ETR registers all of the site's EID-prefixes
/// (1 to 100 EID-records, one locator each) in one Map-Register, signed with the site's own key
/// (HMAC-SHA-256), with the P bit so the Map-Server answers Map-Requests itself (RFC 9301 §8.3).
/// Two locator variants per site (RLOC A and B): alternating them changes the registration every
/// time, which is what drives the Map-Server's full path. Messages are encoded once per variant
/// and, per message, copied, patched (nonce, M bit) and signed again, as a real ETR would.
/// </summary>
internal sealed class SiteRegisters : IDisposable
{
    /// <summary>Record TTL: one day, in minutes (RFC 9301 §5.4); no T bit, so the Map-Server's default lifetime applies.</summary>
    private const uint RecordTtlMinutes = 1440;

    private readonly AuthenticationKey[] _keys;
    private readonly byte[][][] _templates;

    public SiteRegisters(EidPrefix[][] sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        Sites = sites;
        _keys = new AuthenticationKey[sites.Length];
        _templates = new byte[sites.Length][][];
        Etrs = new IPEndPoint[sites.Length];
        for (var i = 0; i < sites.Length; i++)
        {
            _keys[i] = AuthenticationKey.FromPassword(Password(i), AuthAlgorithm.HmacSha256_128, keyId: 0);
            Etrs[i] = new IPEndPoint(Address(100, 64, i), LispPorts.ControlPlane);
            _templates[i] = [Encode(sites[i], Etrs[i].Address, _keys[i]), Encode(sites[i], Address(198, 18, i), _keys[i])];
        }

        MaxLength = _templates.Max(t => Math.Max(t[0].Length, t[1].Length));
    }

    public EidPrefix[][] Sites { get; }

    /// <summary>Each site's ETR (the registrant, and where Map-Notifies go).</summary>
    public IPEndPoint[] Etrs { get; }

    /// <summary>The longest Map-Register, for sizing the message buffer.</summary>
    public int MaxLength { get; }

    /// <summary>The Map-Server's configuration for these sites: each allowed exactly its own prefixes, with its own key.</summary>
    public MapServerOptions ServerOptions() => new()
    {
        Sites = [.. Sites.Select((prefixes, i) => new SiteOptions
        {
            Name = $"site-{i}",
            Keys = [new SiteKeyOptions { KeyId = 0, Algorithm = AuthAlgorithm.HmacSha256_128, Password = Password(i) }],
            AllowedPrefixes = prefixes,
            AcceptMoreSpecifics = false,
        })],
    };

    /// <summary>Writes site <paramref name="site"/>'s Map-Register with locator variant 0 or 1 into <paramref name="destination"/>.</summary>
    public int Write(Span<byte> destination, int site, int variant, bool wantMapNotify, ulong nonce)
    {
        var template = _templates[site][variant];
        var message = destination[..template.Length];
        template.CopyTo(message);
        var header = BinaryPrimitives.ReadUInt32BigEndian(message);
        BinaryPrimitives.WriteUInt32BigEndian(message, wantMapNotify ? header | MapRegister.WantMapNotifyFlag : header & ~MapRegister.WantMapNotifyFlag);
        BinaryPrimitives.WriteUInt64BigEndian(message[4..], nonce);
        _keys[site].Sign(message);
        return message.Length;
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    private static string Password(int site) => $"seed-eval-site-{site}";

    /// <summary>a.b.0.0/16 + index: distinct per site up to 65,536 sites.</summary>
    private static IPAddress Address(byte a, byte b, int index) => new([a, b, (byte)(index >> 8), (byte)index]);

    private static byte[] Encode(EidPrefix[] prefixes, IPAddress rloc, AuthenticationKey key)
    {
        var locator = new LocatorRecord(new InetAddress(rloc), Priority: 1, Weight: 100);
        var records = prefixes.Select(p => new EidRecord(new InetAddress(p.ToIPAddress()), (byte)p.Length, RecordTtlMinutes, new[] { locator }, authoritative: true)).ToArray();
        return new MapRegister(0, records) { ProxyReply = true }.ToSignedArray(key);
    }
}
