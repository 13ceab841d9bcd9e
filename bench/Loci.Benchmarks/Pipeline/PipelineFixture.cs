using System.Net;
using Loci.ControlPlane;
using Loci.ControlPlane.MapServers;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// Shared inputs of the pipeline suites: a Map-Server with one site (10.0.0.0/8 and 2001:db8::/32,
/// more-specifics accepted, HMAC-SHA-256 key 0), synthetic EID-prefixes spread evenly over the site
/// space, and preencoded datagrams. Everything a benchmark feeds a role is built here, before
/// measurement.
/// </summary>
internal static class PipelineFixture
{
    /// <summary>Messages per benchmark invocation (OperationsPerInvoke): a batch, as a receive loop drains a socket.</summary>
    public const int Batch = 1000;

    public const string Password = "bench-key";

    public static readonly IPEndPoint MapServerV4 = new(IPAddress.Parse("127.0.0.20"), LispPorts.ControlPlane);
    public static readonly IPEndPoint MapServerV6 = new(IPAddress.Parse("2001:db8:ffff::20"), LispPorts.ControlPlane);
    public static readonly IPEndPoint ResolverV4 = new(IPAddress.Parse("127.0.0.30"), LispPorts.ControlPlane);
    public static readonly IPEndPoint DdtRootV4 = new(IPAddress.Parse("127.0.0.40"), LispPorts.ControlPlane);
    public static readonly IPEndPoint ItrV4 = new(IPAddress.Parse("127.0.0.50"), 40_342);
    public static readonly IPEndPoint ItrV6 = new(IPAddress.Parse("2001:db8:ffff::50"), 40_342);
    public static readonly IPEndPoint EtrV4 = new(IPAddress.Parse("127.0.0.101"), LispPorts.ControlPlane);

    /// <summary>xTR-ID of the benchmark ETR: every register comes from one registrant, as from one ETR.</summary>
    public static readonly UInt128 XtrId = new(0x0102_0304_0506_0708, 0x1112_1314_1516_1718);

    public static readonly EidPrefix SiteV4 = EidPrefix.Parse("10.0.0.0/8");
    public static readonly EidPrefix SiteV6 = EidPrefix.Parse("2001:db8::/32");

    public static AuthenticationKey NewKey() => AuthenticationKey.FromPassword(Password, AuthAlgorithm.HmacSha256_128, 0);

    public static MapServerOptions MapServerOptions(params EidPrefix[] allowed) => new()
    {
        Sites =
        [
            new SiteOptions
            {
                Name = "bench",
                Keys = [new SiteKeyOptions { KeyId = 0, Algorithm = AuthAlgorithm.HmacSha256_128, Password = Password }],
                AllowedPrefixes = allowed.Length == 0 ? [SiteV4, SiteV6] : allowed,
                AcceptMoreSpecifics = true,
            },
        ],
    };

    /// <summary><paramref name="count"/> IPv4 /26s spread evenly over 10.0.0.0/8 (262,144 slots).</summary>
    public static EidPrefix[] Ipv4Prefixes(int count) => Spread(SiteV4, 26, count);

    /// <summary><paramref name="count"/> IPv6 /56s spread evenly over 2001:db8::/32 (16.7M slots).</summary>
    public static EidPrefix[] Ipv6Prefixes(int count) => Spread(SiteV6, 56, count);

    /// <summary>A random host address inside <paramref name="prefix"/>.</summary>
    public static EidPrefix HostIn(EidPrefix prefix, Random random)
    {
        var width = prefix.MaxLength;
        var noise = new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());
        var hostBits = width - prefix.Length;
        var hostMask = hostBits == 0 ? UInt128.Zero : (UInt128.One << hostBits) - 1;
        return EidPrefix.Host(prefix.Family, prefix.Address | (noise & hostMask));
    }

    /// <summary>
    /// The mapping of <paramref name="prefix"/>: two IPv4 RLOCs (a multihomed site), priority 1,
    /// weight 50 each; <paramref name="variant"/> 1 moves the second RLOC (a changed mapping).
    /// </summary>
    public static EidRecord Record(EidPrefix prefix, int variant = 0)
    {
        var (address, mask) = EidConversions.ToWire(prefix);
        return new EidRecord(
            address,
            mask,
            1440,
            new[]
            {
                new LocatorRecord(InetAddress.Parse("192.0.2.1"), 1, 50),
                new LocatorRecord(InetAddress.Parse(variant == 0 ? "192.0.2.2" : "192.0.2.3"), 1, 50),
            });
    }

    /// <summary>A signed Map-Register as Loci's ETR sends it: P (proxy-reply), T (Record TTL, one day), xTR-ID and site-ID.</summary>
    public static byte[] Register(ulong nonce, EidRecord[] records, AuthenticationKey key, bool wantNotify = false) =>
        new MapRegister(nonce, records)
        {
            ProxyReply = true,
            UseTtl = true,
            WantMapNotify = wantNotify,
            XtrId = XtrId,
            SiteId = 1,
        }.ToSignedArray(key);

    /// <summary>Registers every prefix through <see cref="IRole.Receive"/>, 100 records per Map-Register, from <see cref="EtrV4"/>.</summary>
    public static void RegisterAll(MapServer server, IReadOnlyList<EidPrefix> prefixes, AuthenticationKey key)
    {
        const int PerRegister = 100;
        var before = server.Counters.RegistersAccepted;
        var registers = 0;
        for (var i = 0; i < prefixes.Count; i += PerRegister)
        {
            var records = new EidRecord[Math.Min(PerRegister, prefixes.Count - i)];
            for (var r = 0; r < records.Length; r++)
            {
                records[r] = Record(prefixes[i + r]);
            }

            var bytes = Register((ulong)i, records, key);
            server.Receive(new InboundDatagram(bytes, EtrV4, MapServerV4));
            registers++;
        }

        if (server.Counters.RegistersAccepted - before != registers)
        {
            throw new InvalidOperationException($"Only {server.Counters.RegistersAccepted - before} of {registers} setup Map-Registers were accepted.");
        }
    }

    /// <summary>A native Map-Request for <paramref name="eid"/> (a host) from the ITR at <paramref name="itr"/>.</summary>
    public static MapRequest Request(ulong nonce, EidPrefix eid, IPAddress itr)
    {
        var (address, mask) = EidConversions.ToWire(eid);
        return new MapRequest(nonce, LispAddress.None, new LispAddress[] { new InetAddress(itr) }, new[] { new MapRequestRecord(address, mask) });
    }

    /// <summary>The same Map-Request in an ECM as an ITR sends it to a Map-Resolver (inner source = ITR RLOC, destination = the EID).</summary>
    public static EncapsulatedControlMessage Ecm(MapRequest request, EidPrefix eid, IPEndPoint itr, bool ddt = false) =>
        new(itr.Address, eid.ToIPAddress(), (ushort)itr.Port, LispPorts.ControlPlane, request) { DdtOriginated = ddt };

    /// <summary>Feeds every datagram of a batch to the role: the loop all pipeline benchmarks measure.</summary>
    public static void Deliver(IRole role, byte[][] batch, IPEndPoint source, IPEndPoint local)
    {
        foreach (var datagram in batch)
        {
            role.Receive(new InboundDatagram(datagram, source, local));
        }
    }

    private static EidPrefix[] Spread(EidPrefix space, int length, int count)
    {
        var slots = UInt128.One << (length - space.Length);
        if ((UInt128)(uint)count > slots)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"{space} holds only {slots} /{length}s.");
        }

        var stride = slots / (uint)count;
        var shift = space.MaxLength - length;
        var prefixes = new EidPrefix[count];
        for (var i = 0; i < count; i++)
        {
            prefixes[i] = new EidPrefix(space.Family, space.Address | (((UInt128)(uint)i * stride) << shift), length);
        }

        return prefixes;
    }
}
