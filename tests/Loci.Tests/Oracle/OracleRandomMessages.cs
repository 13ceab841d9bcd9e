using Loci.Wire;
using Loci.Wire.Tests.Support;

namespace Loci.Tests.Oracle;

/// <summary>
/// Seeded random Map-Replies and Map-Registers built from <see cref="RandomModels"/>, restricted to
/// what tshark 4.0 decodes: IPv4/IPv6/MAC (AFI 16389) EIDs, optionally in an Instance-ID LCAF;
/// IPv4/IPv6 locators, sometimes in an AFI-list, AS-number, ELP or RLE LCAF; ACT 0-5.
/// </summary>
public sealed class OracleRandomMessages(int seed)
{
    private readonly RandomModels _random = new(seed);

    public MapReply MapReply() => new(_random.UInt64(), Records())
    {
        Probe = _random.Bool(),
        EchoNonceCapable = _random.Bool(),
    };

    public MapRegister MapRegister()
    {
        var withXtrId = _random.Bool();
        return new MapRegister(_random.UInt64(), Records())
        {
            ProxyReply = _random.Bool(),
            SecurityCapable = _random.Bool(),
            WantMapNotify = _random.Bool(),
            XtrId = withXtrId ? _random.UInt128() : null,
            SiteId = withXtrId ? _random.UInt64() : null,
        };
    }

    private EidRecord[] Records()
    {
        var records = new EidRecord[_random.Next(1, 5)];
        for (var i = 0; i < records.Length; i++)
        {
            var eid = Eid();
            var locators = new LocatorRecord[_random.Next(0, 5)];
            for (var j = 0; j < locators.Length; j++)
            {
                locators[j] = new LocatorRecord(
                    Rloc(), _random.Byte(), _random.Byte(), _random.Byte(), _random.Byte(), _random.Bool(), _random.Bool(), _random.Bool());
            }

            records[i] = new EidRecord(
                eid,
                (byte)_random.Next(eid.AddressBits + 1),
                _random.UInt32(),
                locators,
                locators.Length == 0 ? (MapReplyAction)_random.Next(6) : MapReplyAction.NoAction,
                _random.Bool(),
                (ushort)_random.Next(4096));
        }

        return records;
    }

    private LispAddress Eid()
    {
        LispAddress inner = _random.Next(5) switch
        {
            0 => new MacAddress(_random.UInt64() & 0xFFFF_FFFF_FFFFUL, Afi.Mac),
            1 or 2 => _random.IPv6(),
            _ => _random.IPv4(),
        };
        return _random.Bool() ? new InstanceIdAddress(_random.UInt32() & 0xFF_FFFF, inner) : inner;
    }

    private LispAddress Rloc() => _random.Next(10) switch
    {
        0 => new AfiListAddress(new LispAddress[] { _random.IPv4(), _random.IPv6() }),
        1 => new AsNumberAddress(_random.UInt32(), _random.Ip()),
        2 => new ExplicitLocatorPathAddress(new ElpHop[] { new(_random.Ip(), _random.Bool(), _random.Bool(), _random.Bool()), new(_random.Ip()) }),
        3 => new ReplicationListAddress(new ReplicationEntry[] { new(_random.Byte(), _random.Ip()) }),
        _ => _random.Ip(),
    };
}
