using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Messages;

public class MapRequestTests
{
    private static readonly byte[] Ipv4Vector = Hex.Parse("""
        18 40 00 01              // 0: type 1, A (0x08000000), s (0x00400000), IRC 0, 1 record
        01 02 03 04 05 06 07 08  // 4: nonce
        00 01 0a 01 00 07        // 12: source EID 10.1.0.7
        00 01 7f 00 00 64        // 18: ITR-RLOC 127.0.0.100
        00 20 00 01 0a 01 00 07  // 24: record: N=0, mask-len 32, AFI 1, 10.1.0.7
        """);

    private static readonly MapRequest Ipv4Model = new(
        0x0102030405060708,
        InetAddress.Parse("10.1.0.7"),
        new LispAddress[] { InetAddress.Parse("127.0.0.100") },
        new[] { new MapRequestRecord(InetAddress.Parse("10.1.0.7"), 32) })
    {
        Authoritative = true,
        SmrInvoked = true,
    };

    private static readonly byte[] Ipv6Vector = Hex.Parse("""
        14 10 01 01                                      // 0: type 1, M, I, IRC 1 (two ITR-RLOCs), 1 record
        ff ee dd cc bb aa 99 88                          // 4: nonce
        00 00                                            // 12: source EID: AFI 0 (none)
        00 01 c0 00 02 01                                // 14: ITR-RLOC 192.0.2.1
        00 02 20 01 0d b8 00 00 00 00 00 00 00 00 00 00  // 20: ITR-RLOC 2001:db8::1
        00 01
        00 30 00 02 20 01 0d b8 00 01 00 00 00 00 00 00  // 40: record: mask-len 48, AFI 2, 2001:db8:1::
        00 00 00 00
        00 00 05 a0                                      // 60: Map-Reply record: TTL 1440
        01 18 10 00                                      // 64: 1 locator, mask-len 24, ACT 0, A
        00 05 00 01                                      // 68: map-version 5, AFI 1
        0a 01 00 00                                      // 72: 10.1.0.0
        01 32 ff 00                                      // 76: priority 1, weight 50, m-priority 255, m-weight 0
        00 05 00 01                                      // 80: flags L|R, AFI 1
        c0 00 02 01                                      // 84: RLOC 192.0.2.1
        00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff  // 88: xTR-ID
        00 00 00 00 00 00 00 2a                          // 104: site-ID 42
        """);

    private static readonly MapRequest Ipv6Model = new(
        0xffeeddccbbaa9988,
        LispAddress.None,
        new LispAddress[] { InetAddress.Parse("192.0.2.1"), InetAddress.Parse("2001:db8::1") },
        new[] { new MapRequestRecord(InetAddress.Parse("2001:db8:1::"), 48) })
    {
        MapReplyRecord = new EidRecord(
            InetAddress.Parse("10.1.0.0"),
            24,
            1440,
            new[] { new LocatorRecord(InetAddress.Parse("192.0.2.1"), 1, 50, 255, 0, Local: true, Reachable: true) },
            authoritative: true,
            mapVersion: 5),
        XtrId = UInt128.Parse("00112233445566778899aabbccddeeff", System.Globalization.NumberStyles.HexNumber, null),
        SiteId = 42,
    };

    [Fact]
    public void Write_Ipv4Request_GoldenBytes() => Assert.Equal(Ipv4Vector, Ipv4Model.ToArray());

    [Fact]
    public void Parse_Ipv4Vector_EqualsModel() => Assert.Equal(Ipv4Model, MessageCoding.Decode(Ipv4Vector));

    [Fact]
    public void Write_Ipv6RequestWithMapReplyRecordAndXtrId_GoldenBytes() => Assert.Equal(Ipv6Vector, Ipv6Model.ToArray());

    [Fact]
    public void Parse_Ipv6Vector_EqualsModel() => Assert.Equal(Ipv6Model, MessageCoding.Decode(Ipv6Vector));

    [Theory]
    [InlineData(MapRequest.AuthoritativeFlag, nameof(MapRequest.Authoritative))]
    [InlineData(MapRequest.ProbeFlag, nameof(MapRequest.Probe))]
    [InlineData(MapRequest.SmrFlag, nameof(MapRequest.SolicitMapRequest))]
    [InlineData(MapRequest.ProxyItrFlag, nameof(MapRequest.ProxyItr))]
    [InlineData(MapRequest.SmrInvokedFlag, nameof(MapRequest.SmrInvoked))]
    [InlineData(MapRequest.LocalXtrFlag, nameof(MapRequest.LocalXtr))]
    [InlineData(MapRequest.DontMapReplyFlag, nameof(MapRequest.DontMapReply))]
    public void Parse_SingleHeaderFlag_SetsOnlyThatProperty(uint flag, string property)
    {
        var bytes = (byte[])Ipv4Vector.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x1000_0001u | flag);
        var parsed = Assert.IsType<MapRequest>(MessageCoding.Decode(bytes));
        foreach (var name in new[] { "Authoritative", "Probe", "SolicitMapRequest", "ProxyItr", "SmrInvoked", "LocalXtr", "DontMapReply" })
        {
            var value = (bool)typeof(MapRequest).GetProperty(name)!.GetValue(parsed)!;
            Assert.True(value == (name == property), $"{name} after setting {property}");
        }

        Assert.Equal(bytes, parsed.ToArray());
    }

    [Fact]
    public void Parse_XtrIdOnlyTrailer_AcceptedWithoutSiteId()
    {
        var model = Ipv4Model with { XtrId = 7, SiteId = null };
        var bytes = model.ToArray();
        Assert.Equal(Ipv4Vector.Length + 16, bytes.Length);
        var parsed = Assert.IsType<MapRequest>(MessageCoding.Decode(bytes));
        Assert.Equal((UInt128)7, parsed.XtrId);
        Assert.Null(parsed.SiteId);
    }

    [Fact]
    public void Parse_XtrIdFlagWithWrongTrailer_BadLength()
    {
        var bytes = (byte[])Ipv4Vector.Clone();
        bytes[1] |= 0x10; // I bit, but no trailer
        Assert.Equal(WireErrorCode.BadLength, MessageCoding.DecodeError(bytes).Code);
    }

    [Fact]
    public void Parse_IrcCountsMoreRlocsThanPresent_TruncatedAtEnd()
    {
        var bytes = (byte[])Ipv4Vector.Clone();
        bytes[2] = 0x1F; // IRC 31: 32 ITR-RLOCs announced
        var error = MessageCoding.DecodeError(bytes);
        Assert.True(error.Code is WireErrorCode.Truncated or WireErrorCode.UnknownAfi, error.ToString());
    }

    [Fact]
    public void Parse_TrailingGarbage_TrailingBytesAtEndOfMessage()
    {
        var bytes = Ipv4Vector.Concat(new byte[] { 0xde, 0xad }).ToArray();
        var error = MessageCoding.DecodeError(bytes);
        Assert.Equal(WireErrorCode.TrailingBytes, error.Code);
        Assert.Equal(Ipv4Vector.Length, error.Offset);
    }

    [Fact]
    public void Parse_MaskLengthWiderThanAddress_BadValue()
    {
        var bytes = (byte[])Ipv4Vector.Clone();
        bytes[25] = 33;
        var error = MessageCoding.DecodeError(bytes);
        Assert.Equal(WireErrorCode.BadValue, error.Code);
        Assert.Equal(25, error.Offset);
    }

    [Fact]
    public void Constructor_NoItrRloc_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MapRequest(1, LispAddress.None, Array.Empty<LispAddress>(), Array.Empty<MapRequestRecord>()));

    [Fact]
    public void Truncation_Vectors_EveryPrefixFails()
    {
        Truncation.AssertEveryPrefixFails(Ipv4Vector, MessageCoding.ParseMessage);
        Truncation.AssertEveryPrefixFails(Ipv6Vector, MessageCoding.ParseMessage, validShorterLength: Ipv6Vector.Length - 8);
    }
}
