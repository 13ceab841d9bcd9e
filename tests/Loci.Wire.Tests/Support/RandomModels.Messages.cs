using System.Net;

namespace Loci.Wire.Tests.Support;

public sealed partial class RandomModels
{
    public LocatorRecord Locator() => new(
        Next(4) == 0 ? Address(1) : Ip(),
        Byte(),
        Byte(),
        Byte(),
        Byte(),
        Bool(),
        Bool(),
        Bool());

    /// <summary>An EID address with a mask length that fits it.</summary>
    public (LispAddress Eid, byte MaskLength) Prefix()
    {
        var eid = Next(8) == 0 ? Address(1) : Eid();
        var bits = eid.AddressBits;
        return (eid, (byte)(bits == 0 ? 0 : Next(bits + 1)));
    }

    public EidRecord EidRecord(int maxLocators = 4)
    {
        var (eid, mask) = Prefix();
        var locators = new LocatorRecord[Next(maxLocators + 1)];
        for (var i = 0; i < locators.Length; i++)
        {
            locators[i] = Locator();
        }

        return new EidRecord(eid, mask, UInt32(), locators, (MapReplyAction)Next(6), Bool(), (ushort)Next(4096));
    }

    public EquatableArray<EidRecord> EidRecords(int max = 3)
    {
        var records = new EidRecord[Next(max + 1)];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = EidRecord();
        }

        return records;
    }

    public MapRequest MapRequest()
    {
        var rlocs = new LispAddress[Next(1, 5)];
        for (var i = 0; i < rlocs.Length; i++)
        {
            rlocs[i] = Next(5) == 0 ? Address(1) : Ip();
        }

        var records = new MapRequestRecord[Next(0, 3)];
        for (var i = 0; i < records.Length; i++)
        {
            var (eid, mask) = Prefix();
            records[i] = new MapRequestRecord(eid, mask, Bool());
        }

        var xtr = Next(3) == 0;
        return new MapRequest(UInt64(), Address(1), rlocs, records)
        {
            Authoritative = Bool(),
            Probe = Bool(),
            SolicitMapRequest = Bool(),
            ProxyItr = Bool(),
            SmrInvoked = Bool(),
            LocalXtr = Bool(),
            DontMapReply = Bool(),
            MapReplyRecord = Bool() ? EidRecord() : null,
            XtrId = xtr ? UInt128() : null,
            SiteId = xtr && Bool() ? UInt64() : null,
        };
    }

    public MapReply MapReply() => new(UInt64(), EidRecords())
    {
        Probe = Bool(),
        EchoNonceCapable = Bool(),
        SecurityData = Next(4) == 0 ? new EquatableArray<byte>(Bytes(Next(4, 40))) : (EquatableArray<byte>?)null,
    };

    public MapRegister MapRegister()
    {
        var xtr = Bool();
        return new MapRegister(UInt64(), EidRecords())
        {
            KeyId = Byte(),
            Algorithm = (AuthAlgorithm)Next(3),
            AuthenticationData = Bytes(Next(3) switch { 0 => 0, 1 => 20, _ => 32 }),
            ProxyReply = Bool(),
            SecurityCapable = Bool(),
            EidNotify = Bool(),
            UseTtl = Bool(),
            Merge = Bool(),
            WantMapNotify = Bool(),
            XtrId = xtr ? UInt128() : null,
            SiteId = xtr ? UInt64() : null,
        };
    }

    public MapNotify MapNotify()
    {
        var xtr = Bool();
        return new MapNotify(UInt64(), EidRecords())
        {
            KeyId = Byte(),
            Algorithm = (AuthAlgorithm)Next(3),
            AuthenticationData = Bytes(Next(2) == 0 ? 20 : 32),
            XtrId = xtr ? UInt128() : null,
            SiteId = xtr ? UInt64() : null,
        };
    }

    public MapNotifyAck MapNotifyAck() => new(UInt64(), EidRecords())
    {
        KeyId = Byte(),
        Algorithm = (AuthAlgorithm)Next(3),
        AuthenticationData = Bytes(Next(2) == 0 ? 20 : 32),
    };

    public ReferralRecord ReferralRecord()
    {
        var (eid, mask) = Prefix();
        var referrals = new LocatorRecord[Next(0, 4)];
        for (var i = 0; i < referrals.Length; i++)
        {
            referrals[i] = Locator();
        }

        var signatures = new ReferralSignature[Next(4) == 0 ? Next(1, 3) : 0];
        for (var i = 0; i < signatures.Length; i++)
        {
            signatures[i] = new ReferralSignature(UInt32(), UInt32(), UInt32(), UInt16(), Byte(), Bytes(Next(0, 40)));
        }

        return new ReferralRecord(eid, mask, UInt32(), (ReferralAction)Next(6), referrals, Bool(), Bool(), (ushort)Next(4096), signatures);
    }

    public MapReferral MapReferral()
    {
        var records = new ReferralRecord[Next(0, 4)];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = ReferralRecord();
        }

        return new MapReferral(UInt64(), records);
    }

    public InfoMessage Info()
    {
        var (eid, mask) = Prefix();
        return new InfoMessage(Bool(), UInt64(), eid, mask, Address(2))
        {
            KeyId = Byte(),
            Algorithm = (AuthAlgorithm)Next(3),
            AuthenticationData = Bytes(Next(3) switch { 0 => 0, 1 => 20, _ => 32 }),
            Ttl = UInt32(),
        };
    }

    public EncapsulatedControlMessage Ecm()
    {
        var v6 = Bool();
        IPAddress Ip() => new(Bytes(v6 ? 16 : 4));
        LispMessage inner = Next(4) switch
        {
            0 => MapRegister(),
            1 => MapReply(),
            _ => MapRequest(),
        };
        return new EncapsulatedControlMessage(Ip(), Ip(), UInt16(), LispPorts.ControlPlane, inner)
        {
            DdtOriginated = Bool(),
            ToEtr = Bool(),
            ToMapServer = Bool(),
            InnerTtl = Byte(),
            InnerTos = Byte(),
        };
    }

    public SharedExtensionMessage SharedExtension() => new((ushort)Next(4096), Bytes(Next(2, 40)));

    /// <summary>Any control message type.</summary>
    public LispMessage Message() => Next(10) switch
    {
        0 => MapRequest(),
        1 => MapReply(),
        2 => MapRegister(),
        3 => MapNotify(),
        4 => MapNotifyAck(),
        5 => MapReferral(),
        6 => Info(),
        7 => Ecm(),
        8 => SharedExtension(),
        _ => MapRequest(),
    };
}
