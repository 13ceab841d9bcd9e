using System.Net;
using Loci.Wire;

namespace Loci.Tests.Oracle;

/// <summary>Hand-picked messages, one per case the issue names, shared by the tshark and tcpdump tests.</summary>
public static class OracleSamples
{
    public const string Sha1Password = "loci-oracle-sha1";

    public const string Sha256Password = "loci-oracle-sha256";

    public static readonly UInt128 XtrId = new(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210);

    public const ulong SiteId = 0x0000_0000_0000_1234;

    public static InetAddress Ip(string text) => InetAddress.Parse(text);

    public static LocatorRecord Loc(string rloc, byte priority = 1, byte weight = 100, bool local = false, bool probed = false, bool reachable = true) =>
        new(Ip(rloc), priority, weight, 255, 0, local, probed, reachable);

    public static EidRecord Positive(string eid, byte maskLength, params LocatorRecord[] locators) =>
        new(Ip(eid), maskLength, 1440, locators, MapReplyAction.NoAction, authoritative: true);

    public static IEnumerable<(string Label, MapRequest Message)> MapRequests()
    {
        yield return ("map-request ipv4, two itr-rlocs, map-reply record", new MapRequest(
            0x1111_2222_3333_4444,
            Ip("10.1.1.1"),
            new LispAddress[] { Ip("192.0.2.1"), Ip("2001:db8::1") },
            new MapRequestRecord[] { new(Ip("10.2.0.0"), 16) })
        {
            Authoritative = true,
            MapReplyRecord = Positive("10.1.0.0", 16, Loc("192.0.2.1"), Loc("2001:db8::1", 2, 50)),
        });
        yield return ("map-request ipv6", new MapRequest(
            0x0A0B_0C0D_0E0F_1011,
            Ip("2001:db8:1::1"),
            new LispAddress[] { Ip("2001:db8::10") },
            new MapRequestRecord[] { new(Ip("2001:db8:2::"), 48), new(Ip("2001:db8:3::1"), 128) })
        {
            ProxyItr = true,
        });
        yield return ("map-request smr", new MapRequest(
            0xDEAD_BEEF_0000_0001,
            Ip("10.3.3.3"),
            new LispAddress[] { Ip("198.51.100.7") },
            new MapRequestRecord[] { new(Ip("10.4.0.0"), 24) })
        {
            SolicitMapRequest = true,
        });
        yield return ("map-request smr-invoked", new MapRequest(
            0xDEAD_BEEF_0000_0002,
            Ip("10.3.3.3"),
            new LispAddress[] { Ip("198.51.100.7"), Ip("198.51.100.8"), Ip("2001:db8::8") },
            new MapRequestRecord[] { new(Ip("10.4.0.0"), 24) })
        {
            SmrInvoked = true,
        });
        yield return ("map-request rloc-probe", new MapRequest(
            0xFFFF_0000_FFFF_0000,
            LispAddress.None,
            new LispAddress[] { Ip("203.0.113.9") },
            new MapRequestRecord[] { new(Ip("10.5.5.0"), 24) })
        {
            Probe = true,
        });
        yield return ("map-request instance-id eid", new MapRequest(
            0x0000_0000_0000_0042,
            new InstanceIdAddress(1000, Ip("10.6.6.6")),
            new LispAddress[] { Ip("192.0.2.66") },
            new MapRequestRecord[] { new(new InstanceIdAddress(1000, Ip("10.7.0.0")), 16) }));
    }

    public static IEnumerable<(string Label, MapReply Message)> MapReplies()
    {
        yield return ("map-reply positive, several locators", new MapReply(
            0x1111_2222_3333_4444,
            new EidRecord[]
            {
                new(Ip("10.2.0.0"), 16, 1440, new[]
                {
                    Loc("192.0.2.10", 1, 60, local: true),
                    Loc("192.0.2.11", 1, 40, probed: true),
                    Loc("2001:db8::11", 2, 100, reachable: false),
                    new LocatorRecord(Ip("198.51.100.1"), 255, 0, 1, 100, Reachable: true),
                }, MapReplyAction.NoAction, authoritative: true, mapVersion: 17),
                new(Ip("2001:db8:2::"), 48, 60, new[] { Loc("2001:db8::20") }),
            })
        {
            EchoNonceCapable = true,
        });
        yield return ("map-reply probe", new MapReply(0x5555_6666_7777_8888, new[] { Positive("10.9.0.0", 16, Loc("192.0.2.9", probed: true)) })
        {
            Probe = true,
        });
        foreach (var action in Enum.GetValues<MapReplyAction>())
        {
            yield return ($"map-reply negative {action}", new MapReply(
                0x0100_0000_0000_0000 | (ulong)action,
                new EidRecord[] { new(Ip("10.128.0.0"), 9, 15, Array.Empty<LocatorRecord>(), action) }));
        }
    }

    public static IEnumerable<(string Label, MapReferral Message)> MapReferrals()
    {
        var ddtNodes = new[] { Loc("192.0.2.100"), Loc("2001:db8::100", 2, 0) };
        foreach (var action in Enum.GetValues<ReferralAction>())
        {
            var referrals = action is ReferralAction.DelegationHole or ReferralAction.NotAuthoritative
                ? Array.Empty<LocatorRecord>()
                : ddtNodes;
            yield return ($"map-referral {action}", new MapReferral(
                0x0200_0000_0000_0000 | (ulong)action,
                new ReferralRecord[]
                {
                    new(Ip("10.0.0.0"), 8, 1440, action, referrals,
                        authoritative: action != ReferralAction.NotAuthoritative,
                        incomplete: action is ReferralAction.NotAuthoritative or ReferralAction.MsNotRegistered),
                }));
        }

        yield return ("map-referral two records, ipv6", new MapReferral(0x0300_0000_0000_0001, new ReferralRecord[]
        {
            new(Ip("2001:db8::"), 32, 1440, ReferralAction.NodeReferral, new[] { Loc("2001:db8::200"), Loc("192.0.2.200") }, mapVersion: 3),
            new(Ip("10.64.0.0"), 10, 1, ReferralAction.MsAck, new[] { Loc("192.0.2.201") }, incomplete: true),
        }));
    }

    public static MapRegister Register() => new(0x0102_0304_0506_0708, new EidRecord[]
    {
        Positive("10.30.1.0", 24, Loc("20.20.8.253", 1, 100), Loc("2001:db8:20::1", 2, 100)),
        new(Ip("2001:db8:30::"), 48, 1440, new[] { Loc("20.20.8.252") }, authoritative: true, mapVersion: 4095),
    })
    {
        ProxyReply = true,
        WantMapNotify = true,
    };

    public static MapRegister RegisterWithXtrId() => new(0xC421_8228_892D_20A4, new EidRecord[]
    {
        Positive("10.30.1.100", 32, Loc("20.20.8.253")),
        Positive("10.30.1.96", 32, Loc("20.20.8.251"), Loc("20.20.8.252")),
    })
    {
        WantMapNotify = true,
        XtrId = XtrId,
        SiteId = SiteId,
    };

    public static MapNotify Notify() => new(0x0102_0304_0506_0708, Register().Records);

    public static MapNotify NotifyWithXtrId() => new(0xC421_8228_892D_20A4, RegisterWithXtrId().Records)
    {
        XtrId = XtrId,
        SiteId = SiteId,
    };

    public static InfoMessage InfoRequest() => new(false, 0x7777_0000_0000_0001, Ip("10.40.0.1"), 32, LispAddress.None)
    {
        Ttl = 0,
    };

    public static InfoMessage InfoReply() => new(true, 0x7777_0000_0000_0001, Ip("10.40.0.1"), 32, new NatTraversalAddress(
        4342, 61_234, Ip("203.0.113.50"), Ip("192.0.2.53"), Ip("10.0.0.50"),
        new LispAddress[] { Ip("198.51.100.60"), Ip("198.51.100.61") }))
    {
        Ttl = 1440,
    };

    public static EncapsulatedControlMessage EcmIPv4() =>
        new(IPAddress.Parse("10.1.1.1"), IPAddress.Parse("10.2.3.4"), 61_000, LispPorts.ControlPlane, MapRequests().First().Message)
        {
            DdtOriginated = true,
        };

    public static EncapsulatedControlMessage EcmIPv6() =>
        new(IPAddress.Parse("2001:db8:1::1"), IPAddress.Parse("2001:db8:2::5"), 61_001, LispPorts.ControlPlane, MapRequests().ElementAt(1).Message);

    /// <summary>Every LCAF type tshark 4.0 decodes, used as EIDs and as RLOCs of a Map-Reply.</summary>
    public static MapReply LcafMapReply() => new(0x4C43_4146_0000_0001, new EidRecord[]
    {
        new(new InstanceIdAddress(7, Ip("10.8.0.0")), 16, 1440, new[]
        {
            new LocatorRecord(new AfiListAddress(new LispAddress[] { Ip("192.0.2.31"), Ip("2001:db8::31") })),
        }),
        new(new InstanceIdAddress(0xFFFFFF, Ip("2001:db8:8::")), 48, 1440, new[]
        {
            new LocatorRecord(new AsNumberAddress(65_001, Ip("192.0.2.32"))),
        }),
        new(new SourceDestAddress(16, 24, Ip("10.9.0.0"), Ip("10.10.10.0")), 0, 60, new[]
        {
            new LocatorRecord(new GeoCoordinatesAddress(true, 48, 51, 24, true, 2, 21, 7, 35, Ip("192.0.2.33"))),
            new LocatorRecord(new GeoCoordinatesAddress(false, 33, 52, 4, false, 151, 12, 36, -5, Ip("192.0.2.34"))),
        }),
        new(new MulticastInfoAddress(0, 16, 24, Ip("10.1.0.0"), Ip("224.1.1.0"), Join: true), 0, 60, new[]
        {
            new LocatorRecord(new ReplicationListAddress(new ReplicationEntry[] { new(1, Ip("192.0.2.35")), new(2, Ip("192.0.2.36")) })),
        }),
        new(new KeyValueAddress(new DistinguishedName("site-key"), Ip("10.11.0.1")), 0, 60, new[]
        {
            new LocatorRecord(new ExplicitLocatorPathAddress(new ElpHop[]
            {
                new(Ip("192.0.2.37"), Lookup: true),
                new(Ip("192.0.2.38"), RlocProbe: true, Strict: true),
                new(Ip("2001:db8::39")),
            })),
        }),
        new(Ip("10.12.0.0"), 16, 60, new[]
        {
            new LocatorRecord(new NatTraversalAddress(4342, 4343, Ip("203.0.113.1"), Ip("192.0.2.40"), Ip("10.0.0.1"), new LispAddress[] { Ip("198.51.100.41") })),
        }),
    });

    /// <summary>
    /// LCAF types tshark 4.0 names but does not decode (4, 11, 14, 16), each followed by a plain
    /// locator: tshark skips an LCAF by its Length, so the next locator decodes right only if the
    /// Length Loci wrote is right.
    /// </summary>
    public static MapReply UndecodedLcafMapReply() => new(0x4C43_4146_0000_0002, new EidRecord[]
    {
        new(Ip("10.13.0.0"), 16, 60, new[]
        {
            new LocatorRecord(new ApplicationDataAddress(0x00_00B8, 17, 4341, 4342, 1024, 65_535, Ip("192.0.2.50"))),
            Loc("192.0.2.51"),
            new LocatorRecord(new SecurityKeyAddress(2, false, new EquatableArray<byte>[] { new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 } }, Ip("192.0.2.52"))),
            Loc("192.0.2.53"),
            new LocatorRecord(new JsonDataModelAddress("{\"rtt\":12}", Ip("192.0.2.54"))),
            Loc("192.0.2.55"),
            new LocatorRecord(new EncapsulationFormatAddress(EncapsulationFormatAddress.Lisp | EncapsulationFormatAddress.Vxlan, Ip("192.0.2.56"))),
            Loc("2001:db8::57"),
        }),
    });
}
