using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Messages;

public class MapReplyTests
{
    private static readonly byte[] PositiveVector = Hex.Parse("""
        20 00 00 01              // 0: type 2, no flags, 1 record
        01 02 03 04 05 06 07 08  // 4: nonce
        00 00 05 a0              // 12: record TTL 1440 minutes
        02 18 10 00              // 16: 2 locators, mask-len 24, ACT 0, A
        00 00 00 01              // 20: map-version 0, AFI 1
        0a 01 00 00              // 24: 10.1.0.0
        01 32 ff 00 00 01 00 01  // 28: locator 1: priority 1, weight 50, R, AFI 1
        7f 00 00 65              // 36: 127.0.0.101
        01 32 ff 00 00 01 00 01  // 40: locator 2
        7f 00 00 66              // 48: 127.0.0.102
        """);

    private static readonly MapReply PositiveModel = new(
        0x0102030405060708,
        new[]
        {
            new EidRecord(
                InetAddress.Parse("10.1.0.0"),
                24,
                1440,
                new[]
                {
                    new LocatorRecord(InetAddress.Parse("127.0.0.101"), 1, 50),
                    new LocatorRecord(InetAddress.Parse("127.0.0.102"), 1, 50),
                },
                authoritative: true),
        });

    private static readonly byte[] NegativeVector = Hex.Parse("""
        28 00 00 01              // 0: type 2, P (probe reply), 1 record
        00 00 00 00 00 00 00 2a  // 4: nonce 42
        00 00 00 0f              // 12: TTL 15 minutes
        00 0c 20 00              // 16: 0 locators, mask-len 12, ACT 1 (Natively-Forward), A=0
        00 00 00 01              // 20: AFI 1
        99 00 00 00              // 24: 153.0.0.0
        """);

    private static readonly MapReply NegativeModel = new(
        42,
        new[] { new EidRecord(InetAddress.Parse("153.0.0.0"), 12, 15, [], MapReplyAction.NativelyForward) })
    {
        Probe = true,
    };

    [Fact]
    public void Write_Positive_GoldenBytes() => Assert.Equal(PositiveVector, PositiveModel.ToArray());

    [Fact]
    public void Parse_Positive_EqualsModel() => Assert.Equal(PositiveModel, MessageCoding.Decode(PositiveVector));

    [Fact]
    public void Write_NegativeProbeReply_GoldenBytes() => Assert.Equal(NegativeVector, NegativeModel.ToArray());

    [Fact]
    public void Parse_Negative_ActionAndPrefix()
    {
        var reply = Assert.IsType<MapReply>(MessageCoding.Decode(NegativeVector));
        var record = Assert.Single(reply.Records);
        Assert.True(record.IsNegative);
        Assert.Equal(MapReplyAction.NativelyForward, record.Action);
        Assert.Equal("153.0.0.0/12", record.Prefix);
        Assert.True(reply.Probe);
    }

    [Theory]
    [InlineData(0, MapReplyAction.NoAction)]
    [InlineData(1, MapReplyAction.NativelyForward)]
    [InlineData(2, MapReplyAction.SendMapRequest)]
    [InlineData(3, MapReplyAction.DropNoReason)]
    [InlineData(4, MapReplyAction.DropPolicyDenied)]
    [InlineData(5, MapReplyAction.DropAuthFailure)]
    [InlineData(6, (MapReplyAction)6)]
    [InlineData(7, (MapReplyAction)7)]
    public void Parse_EveryActCode_DecodedAtBits16To18(int act, MapReplyAction expected)
    {
        var bytes = (byte[])NegativeVector.Clone();
        bytes[18] = (byte)(act << 5);
        var record = Assert.Single(Assert.IsType<MapReply>(MessageCoding.Decode(bytes)).Records);
        Assert.Equal(expected, record.Action);
        Assert.False(record.Authoritative);
    }

    [Fact]
    public void Parse_SecurityFlag_RestKeptAsSecurityData()
    {
        var bytes = PositiveVector.Concat(new byte[] { 1, 0, 0, 0, 0, 4, 0, 2 }).ToArray();
        bytes[1] = 0x00;
        bytes[0] = 0x22; // type 2, S
        var reply = Assert.IsType<MapReply>(MessageCoding.Decode(bytes));
        Assert.Equal(8, reply.SecurityData!.Value.Count);
        Assert.Equal(bytes, reply.ToArray());
    }

    [Fact]
    public void Parse_LocatorCountPastEnd_Truncated()
    {
        var bytes = (byte[])PositiveVector.Clone();
        bytes[16] = 3;
        Assert.Equal(WireErrorCode.Truncated, MessageCoding.DecodeError(bytes).Code);
    }

    [Fact]
    public void Truncation_Vectors_EveryPrefixFails()
    {
        Truncation.AssertEveryPrefixFails(PositiveVector, MessageCoding.ParseMessage);
        Truncation.AssertEveryPrefixFails(NegativeVector, MessageCoding.ParseMessage);
    }
}
