namespace Loci.Wire.Tests.Messages;

/// <summary>Freezes the numeric values of wire code points and flag masks against RFC text (PROTOCOL.md).</summary>
public class CodepointTests
{
    [Fact]
    public void MessageType_Values_MatchIanaRegistry()
    {
        Assert.Equal(1, (int)MessageType.MapRequest);
        Assert.Equal(2, (int)MessageType.MapReply);
        Assert.Equal(3, (int)MessageType.MapRegister);
        Assert.Equal(4, (int)MessageType.MapNotify);
        Assert.Equal(5, (int)MessageType.MapNotifyAck);
        Assert.Equal(6, (int)MessageType.MapReferral);
        Assert.Equal(7, (int)MessageType.Info);
        Assert.Equal(8, (int)MessageType.EncapsulatedControlMessage);
        Assert.Equal(15, (int)MessageType.SharedExtension);
    }

    [Fact]
    public void Afi_Values_MatchIanaRegistry()
    {
        Assert.Equal(0, (int)Afi.None);
        Assert.Equal(1, (int)Afi.IPv4);
        Assert.Equal(2, (int)Afi.IPv6);
        Assert.Equal(6, (int)Afi.Ieee802);
        Assert.Equal(17, (int)Afi.DistinguishedName);
        Assert.Equal(16387, (int)Afi.Lcaf);
        Assert.Equal(16389, (int)Afi.Mac);
    }

    [Fact]
    public void Lcaf_Values_MatchRfc8060()
    {
        var expected = new Dictionary<LcafType, int>
        {
            [LcafType.NullBody] = 0, [LcafType.AfiList] = 1, [LcafType.InstanceId] = 2, [LcafType.AsNumber] = 3,
            [LcafType.ApplicationData] = 4, [LcafType.GeoCoordinates] = 5, [LcafType.OpaqueKey] = 6, [LcafType.NatTraversal] = 7,
            [LcafType.NonceLocator] = 8, [LcafType.MulticastInfo] = 9, [LcafType.ExplicitLocatorPath] = 10, [LcafType.SecurityKey] = 11,
            [LcafType.SourceDestKey] = 12, [LcafType.ReplicationList] = 13, [LcafType.JsonDataModel] = 14, [LcafType.KeyValuePair] = 15,
            [LcafType.EncapsulationFormat] = 16, [LcafType.VendorSpecific] = 255,
        };
        foreach (var (type, value) in expected)
        {
            Assert.Equal(value, (int)type);
        }
    }

    [Fact]
    public void Actions_Values_MatchRegistries()
    {
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, Enum.GetValues<MapReplyAction>().Select(a => (int)a));
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, Enum.GetValues<ReferralAction>().Select(a => (int)a));
        Assert.Equal(new[] { 0, 1, 2, 3 }, Enum.GetValues<AuthAlgorithm>().Select(a => (int)a));
    }

    [Fact]
    public void FlagMasks_BitPositions_MatchRfc9301Diagrams()
    {
        // Mask for RFC bit n of a word is 1 << (31 - n) (PROTOCOL.md §1.1).
        static uint Bit(int n) => 1u << (31 - n);
        var table = new (long Expected, long Actual, string Name)[]
        {
            (Bit(4), MapRequest.AuthoritativeFlag, "MapRequest.AuthoritativeFlag"),
            (Bit(5), MapRequest.MapDataPresentFlag, "MapRequest.MapDataPresentFlag"),
            (Bit(6), MapRequest.ProbeFlag, "MapRequest.ProbeFlag"),
            (Bit(7), MapRequest.SmrFlag, "MapRequest.SmrFlag"),
            (Bit(8), MapRequest.ProxyItrFlag, "MapRequest.ProxyItrFlag"),
            (Bit(9), MapRequest.SmrInvokedFlag, "MapRequest.SmrInvokedFlag"),
            (Bit(11), MapRequest.XtrIdPresentFlag, "MapRequest.XtrIdPresentFlag"),
            (Bit(17), MapRequest.LocalXtrFlag, "MapRequest.LocalXtrFlag"),
            (Bit(18), MapRequest.DontMapReplyFlag, "MapRequest.DontMapReplyFlag"),
            (Bit(4), MapReply.ProbeFlag, "MapReply.ProbeFlag"),
            (Bit(5), MapReply.EchoNonceCapableFlag, "MapReply.EchoNonceCapableFlag"),
            (Bit(6), MapReply.SecurityFlag, "MapReply.SecurityFlag"),
            (Bit(4), MapRegister.ProxyReplyFlag, "MapRegister.ProxyReplyFlag"),
            (Bit(5), MapRegister.SecurityCapableFlag, "MapRegister.SecurityCapableFlag"),
            (Bit(6), MapRegister.XtrIdPresentFlag, "MapRegister.XtrIdPresentFlag"),
            (Bit(19), MapRegister.EidNotifyFlag, "MapRegister.EidNotifyFlag"),
            (Bit(20), MapRegister.UseTtlFlag, "MapRegister.UseTtlFlag"),
            (Bit(21), MapRegister.MergeFlag, "MapRegister.MergeFlag"),
            (Bit(23), MapRegister.WantMapNotifyFlag, "MapRegister.WantMapNotifyFlag"),
            (Bit(4), EncapsulatedControlMessage.SecurityFlag, "EncapsulatedControlMessage.SecurityFlag"),
            (Bit(5), EncapsulatedControlMessage.DdtOriginatedFlag, "EncapsulatedControlMessage.DdtOriginatedFlag"),
            (Bit(6), EncapsulatedControlMessage.ToEtrFlag, "EncapsulatedControlMessage.ToEtrFlag"),
            (Bit(7), EncapsulatedControlMessage.ToMapServerFlag, "EncapsulatedControlMessage.ToMapServerFlag"),
            (Bit(4), InfoMessage.ReplyFlag, "InfoMessage.ReplyFlag"),
            ((ushort)(1 << 15 - 13), LocatorRecord.LocalFlag, "LocatorRecord.LocalFlag"),
            ((ushort)(1 << 15 - 14), LocatorRecord.ProbedFlag, "LocatorRecord.ProbedFlag"),
            ((ushort)(1 << 15 - 15), LocatorRecord.ReachableFlag, "LocatorRecord.ReachableFlag"),
            ((ushort)(1 << 15 - 3), EidRecord.AuthoritativeFlag, "EidRecord.AuthoritativeFlag"),
            ((ushort)(1 << 15 - 4), ReferralRecord.IncompleteFlag, "ReferralRecord.IncompleteFlag"),
            (Bit(0), LispDataHeader.NonceFlag, "LispDataHeader.NonceFlag"),
            (Bit(4), LispDataHeader.InstanceIdFlag, "LispDataHeader.InstanceIdFlag"),
        };
        foreach (var (expected, actual, name) in table)
        {
            Assert.True(expected == actual, $"{name} is 0x{actual:x}, expected 0x{expected:x}");
        }
    }
}
