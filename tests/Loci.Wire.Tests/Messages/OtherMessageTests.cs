using System.Net;
using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Messages;

public class OtherMessageTests
{
    [Fact]
    public void MapNotify_GoldenBytes_RoundTrip()
    {
        var vector = Hex.Parse("""
            40 00 00 01              // 0: type 4, 1 record
            00 00 00 00 00 00 00 09  // 4: nonce 9
            01 02 00 20              // 12: key ID 1, algorithm 2 (HMAC-SHA-256-128), auth length 32
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 // 16: authentication data (zero here)
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 3c              // 48: TTL 60
            00 10 00 00              // 52: 0 locators, mask-len 16, ACT 0
            00 00 00 01 0a 02 00 00  // 56: AFI 1, 10.2.0.0
            """);
        var model = new MapNotify(9, new[] { new EidRecord(InetAddress.Parse("10.2.0.0"), 16, 60, []) })
        {
            KeyId = 1,
            Algorithm = AuthAlgorithm.HmacSha256_128,
            AuthenticationData = new byte[32],
        };
        Assert.Equal(vector, model.ToArray());
        Assert.Equal(model, MessageCoding.Decode(vector));
        Truncation.AssertEveryPrefixFails(vector, MessageCoding.ParseMessage);
    }

    [Fact]
    public void MapNotify_LegacyIBit_XtrIdTrailerRead()
    {
        var model = new MapNotify(1, new[] { new EidRecord(InetAddress.Parse("10.30.1.100"), 32, 1440, []) })
        {
            Algorithm = AuthAlgorithm.HmacSha1_96,
            AuthenticationData = new byte[20],
            XtrId = 0x9787ad753caf58a7,
            SiteId = 0,
        };
        var bytes = model.ToArray();
        Assert.Equal(0x48, bytes[0]); // type 4 with bit 4 (I), as in tcpdump's lisp_eid_notify.pcap
        Assert.Equal(model, MessageCoding.Decode(bytes));
    }

    [Fact]
    public void MapNotify_BytesAfterCountedRecords_KeptAsExtra()
    {
        var model = new MapNotify(1, []) { Algorithm = AuthAlgorithm.HmacSha1_96, AuthenticationData = new byte[20] };
        var bytes = model.ToArray().Concat(new byte[24]).ToArray();
        var parsed = Assert.IsType<MapNotify>(MessageCoding.Decode(bytes));
        Assert.Equal(24, parsed.Extra.Count);
        Assert.Equal(bytes, parsed.ToArray());
    }

    [Fact]
    public void MapNotifyAck_GoldenBytes_RoundTrip()
    {
        var vector = Hex.Parse("""
            50 00 00 00              // 0: type 5, 0 records
            00 00 00 00 00 00 00 07  // 4: nonce 7 (copied from the Map-Notify)
            00 01 00 14              // 12: key ID 0, SHA-1, 20 bytes
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 // 16: auth data
            """);
        var model = new MapNotifyAck(7, []) { Algorithm = AuthAlgorithm.HmacSha1_96, AuthenticationData = new byte[20] };
        Assert.Equal(vector, model.ToArray());
        Assert.Equal(model, MessageCoding.Decode(vector));
    }

    [Fact]
    public void MapReferral_GoldenBytes_RoundTrip()
    {
        var vector = Hex.Parse("""
            60 00 00 02              // 0: type 6, 2 records
            00 00 00 00 00 00 00 05  // 4: nonce 5
            00 00 05 a0              // 12: record 1: TTL 1440
            01 08 10 00              // 16: 1 referral, mask-len 8, ACT 0 (NODE-REFERRAL), A
            00 00 00 01 0a 00 00 00  // 20: SigCnt 0, version 0, AFI 1, 10.0.0.0
            01 01 ff 00 00 01 00 01  // 28: referral locator: priority 1, weight 1, R, AFI 1
            7f 00 00 0b              // 36: 127.0.0.11
            00 00 00 0f              // 40: record 2: TTL 15
            00 10 98 00              // 44: 0 referrals, mask-len 16, ACT 4 (DELEGATION-HOLE), A, I
            00 00 00 01 0a 09 00 00  // 48: AFI 1, 10.9.0.0
            """);
        var model = new MapReferral(5, new[]
        {
            new ReferralRecord(InetAddress.Parse("10.0.0.0"), 8, 1440, ReferralAction.NodeReferral, new[] { new LocatorRecord(InetAddress.Parse("127.0.0.11"), 1, 1) }),
            new ReferralRecord(InetAddress.Parse("10.9.0.0"), 16, 15, ReferralAction.DelegationHole, [], incomplete: true),
        });
        Assert.Equal(vector, model.ToArray());
        Assert.Equal(model, MessageCoding.Decode(vector));
        Truncation.AssertEveryPrefixFails(vector, MessageCoding.ParseMessage);
    }

    [Theory]
    [InlineData(ReferralAction.NodeReferral)]
    [InlineData(ReferralAction.MsReferral)]
    [InlineData(ReferralAction.MsAck)]
    [InlineData(ReferralAction.MsNotRegistered)]
    [InlineData(ReferralAction.DelegationHole)]
    [InlineData(ReferralAction.NotAuthoritative)]
    public void MapReferral_EveryAction_RoundTrips(ReferralAction action)
    {
        var model = new MapReferral(1, new[] { new ReferralRecord(InetAddress.Parse("2001:db8::"), 32, 1, action, []) });
        var bytes = model.ToArray();
        Assert.Equal((byte)action, bytes[18] >> 5);
        Assert.Equal(model, MessageCoding.Decode(bytes));
    }

    [Fact]
    public void MapReferral_SignatureSection_SkippedByLength()
    {
        var signature = new ReferralSignature(1440, 2, 3, 4, 5, new byte[] { 1, 2, 3, 4, 5, 6, 7 });
        var model = new MapReferral(1, new[] { new ReferralRecord(InetAddress.Parse("10.0.0.0"), 8, 1, ReferralAction.MsReferral, [], signatures: new[] { signature }) });
        var bytes = model.ToArray();
        Assert.Equal(0x10, bytes[20]); // SigCnt 1 in the top nibble
        Assert.Equal(model, MessageCoding.Decode(bytes));
    }

    [Fact]
    public void InfoRequest_GoldenBytes_AsLispersNetSendsIt()
    {
        var vector = Hex.Parse("""
            70 00 00 00              // 0: type 7, R=0 (request)
            00 00 00 00 00 00 00 03  // 4: nonce 3
            00 00 00 00              // 12: key ID 0, algorithm 0, auth length 0
            00 00 00 00              // 16: TTL 0
            00 00                    // 20: reserved, EID mask-len 0
            00 00                    // 22: EID-prefix AFI 0
            00 00                    // 24: trailing AFI 0
            """);
        var model = new InfoMessage(false, 3, LispAddress.None, 0, LispAddress.None);
        Assert.Equal(vector, model.ToArray());
        Assert.Equal(model, MessageCoding.Decode(vector));
        Truncation.AssertEveryPrefixFails(vector, MessageCoding.ParseMessage);
    }

    [Fact]
    public void InfoReply_RBitAndPayload_RoundTrip()
    {
        var model = new InfoMessage(true, 3, InetAddress.Parse("10.1.0.0"), 24, new DistinguishedName("xtr1")) { Ttl = 1440 };
        var bytes = model.ToArray();
        Assert.Equal(0x78, bytes[0]);
        Assert.Equal(model, MessageCoding.Decode(bytes));
    }

    [Fact]
    public void Ecm_Ipv4Inner_GoldenBytes()
    {
        var vector = Hex.Parse("""
            84 00 00 00                                     // 0: type 8, D (DDT-originated)
            45 00 00 3c 00 00 00 00 40 11 f1 45             // 4: inner IPv4: length 60, TTL 64, UDP, checksum
            7f 00 00 64 0a 01 00 07                         // 16: 127.0.0.100 -> 10.1.0.7
            ee 48 10 f6 00 28 bb 06                         // 24: UDP 61000 -> 4342, length 40, checksum
            18 40 00 01 01 02 03 04 05 06 07 08             // 32: Map-Request: A, s, 1 record, nonce
            00 01 0a 01 00 07 00 01 7f 00 00 64             // 44: source EID, ITR-RLOC
            00 20 00 01 0a 01 00 07                         // 56: record 10.1.0.7/32
            """);
        var inner = new MapRequest(0x0102030405060708, InetAddress.Parse("10.1.0.7"), new LispAddress[] { InetAddress.Parse("127.0.0.100") }, new[] { new MapRequestRecord(InetAddress.Parse("10.1.0.7"), 32) })
        {
            Authoritative = true,
            SmrInvoked = true,
        };
        var model = new EncapsulatedControlMessage(IPAddress.Parse("127.0.0.100"), IPAddress.Parse("10.1.0.7"), 61000, 4342, inner) { DdtOriginated = true };
        Assert.Equal(vector, model.ToArray());
        Assert.Equal(model, MessageCoding.Decode(vector));
        Truncation.AssertEveryPrefixFails(vector, MessageCoding.ParseMessage);
    }

    [Fact]
    public void Ecm_Ipv6Inner_RoundTripAndOffsetsOfInnerErrorsAreAbsolute()
    {
        var inner = new MapRequest(1, LispAddress.None, new LispAddress[] { InetAddress.Parse("::1") }, new[] { new MapRequestRecord(InetAddress.Parse("2001:db8:1::7"), 128) });
        var model = new EncapsulatedControlMessage(IPAddress.Parse("::1"), IPAddress.Parse("2001:db8:1::7"), 5000, 4342, inner) { ToMapServer = true };
        var bytes = model.ToArray();
        Assert.Equal(4 + 40 + 8 + inner.EncodedLength, bytes.Length);
        Assert.Equal(model, MessageCoding.Decode(bytes));

        bytes[^18] = 0x1e; // corrupt the record's AFI high byte inside the inner message
        var error = MessageCoding.DecodeError(bytes);
        Assert.Equal(WireErrorCode.UnknownAfi, error.Code);
        Assert.Equal(bytes.Length - 18, error.Offset);
    }

    [Fact]
    public void Ecm_InnerNotUdp_BadInnerHeader()
    {
        var bytes = Hex.Parse("80 00 00 00 45 00 00 1c 00 00 00 00 40 06 00 00 7f 00 00 01 7f 00 00 02 00 00 00 00 00 00 00 00");
        var error = MessageCoding.DecodeError(bytes);
        Assert.Equal(WireErrorCode.BadInnerHeader, error.Code);
        Assert.Equal(13, error.Offset);
    }

    [Fact]
    public void Ecm_NestedEcm_Rejected()
    {
        var inner = new MapRequest(1, LispAddress.None, new LispAddress[] { InetAddress.Parse("127.0.0.1") }, []);
        var ecm = new EncapsulatedControlMessage(IPAddress.Loopback, IPAddress.Loopback, 1, 4342, inner).ToArray();
        var outer = new byte[4 + 20 + 8 + ecm.Length];
        var wrapped = new EncapsulatedControlMessage(IPAddress.Loopback, IPAddress.Loopback, 1, 4342, inner).ToArray();
        // Splice the whole first ECM in place of the inner Map-Request of a second one.
        wrapped.AsSpan(0, 32).CopyTo(outer);
        ecm.CopyTo(outer.AsSpan(32));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(outer.AsSpan(6), (ushort)(20 + 8 + ecm.Length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(outer.AsSpan(28), (ushort)(8 + ecm.Length));
        var error = MessageCoding.DecodeError(outer);
        Assert.Equal(WireErrorCode.BadValue, error.Code);
        Assert.Equal(32, error.Offset);
    }

    [Fact]
    public void SharedExtension_GoldenBytes_OpaqueBody()
    {
        var vector = Hex.Parse("""
            f0 01        // 0: type 15, sub-type 1
            12 34        // 2: extension-specific bits of the first word
            ab cd ef 01  // 4: extension body
            """);
        var model = new SharedExtensionMessage(1, Hex.Parse("12 34 ab cd ef 01"));
        Assert.Equal(vector, model.ToArray());
        Assert.Equal(model, MessageCoding.Decode(vector));

        // The body is opaque, so only a cut inside the first word is detectable; longer cuts are shorter bodies.
        Truncation.AssertEveryPrefixFails(vector[..4], MessageCoding.ParseMessage);
        Assert.Equal(new SharedExtensionMessage(1, Hex.Parse("12 34 ab")), MessageCoding.Decode(vector[..5]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(14)]
    public void Parse_UnassignedType_UnknownMessageType(int type)
    {
        var error = MessageCoding.DecodeError(new byte[] { (byte)(type << 4), 0, 0, 0 });
        Assert.Equal(WireErrorCode.UnknownMessageType, error.Code);
        Assert.Equal(0, error.Offset);
    }
}
