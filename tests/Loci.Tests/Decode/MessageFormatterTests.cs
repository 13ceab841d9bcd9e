using System.Net;
using System.Text.Json;
using Loci.Wire;
using Loci.Wire.Formatting;

namespace Loci.Tests.Decode;

/// <summary>The shared formatter: lig-style lines, the field tree and the JSON contract names.</summary>
public sealed class MessageFormatterTests
{
    private static readonly MapReply Reply = new(0x1a2b3c4d5e6f7081, new EidRecord[]
    {
        new(InetAddress.Parse("10.1.0.0"), 24, 1440, new LocatorRecord[] { new(InetAddress.Parse("127.0.0.101"), 1, 50), new(InetAddress.Parse("127.0.0.102"), 1, 50) }, authoritative: true),
    });

    [Fact]
    public void Summary_MapReply_LigStyle()
    {
        Assert.Equal(
            "map-reply nonce 0x1a2b3c4d5e6f7081 10.1.0.0/24 ttl 1440 auth [127.0.0.101 1/50 R, 127.0.0.102 1/50 R]",
            MessageFormatter.Summary(Reply));
    }

    [Fact]
    public void Summary_NegativeReplyWithInstanceId_ShowsAction()
    {
        var negative = new MapReply(1, new EidRecord[]
        {
            new(new InstanceIdAddress(1000, InetAddress.Parse("2001:db8::")), 32, 15, EquatableArray<LocatorRecord>.Empty, MapReplyAction.NativelyForward),
        });
        Assert.Equal("map-reply nonce 0x0000000000000001 [1000]2001:db8::/32 ttl 15 natively-forward", MessageFormatter.Summary(negative));
        var record = JsonDocument.Parse(MessageFormatter.Json(negative)).RootElement.GetProperty("records")[0];
        Assert.Equal("[1000]2001:db8::/32", record.GetProperty("eid").GetString());
        Assert.Equal("natively-forward", record.GetProperty("action").GetString());
        Assert.Equal(0, record.GetProperty("locators").GetArrayLength());
        Assert.Contains("instance id: 1000", MessageFormatter.Tree(negative), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_Ecm_InnerEndpointsAndMessage()
    {
        var request = new MapRequest(5, LispAddress.None, new LispAddress[] { InetAddress.Parse("192.0.2.1") }, new MapRequestRecord[] { new(InetAddress.Parse("10.1.0.7"), 32) });
        var ecm = new EncapsulatedControlMessage(IPAddress.Parse("192.0.2.1"), IPAddress.Parse("10.1.0.7"), 61000, 4342, request) { DdtOriginated = true };
        Assert.Equal(
            "ecm D 192.0.2.1:61000 > 10.1.0.7:4342: map-request nonce 0x0000000000000005 itr-rlocs 192.0.2.1 eid 10.1.0.7/32",
            MessageFormatter.Summary(ecm));

        var dissection = Dissector.DissectControl(ecm.ToArray());
        Assert.False(dissection.IsMalformed);
        var json = JsonDocument.Parse(MessageFormatter.Json(dissection.Message!)).RootElement;
        Assert.Equal("ecm", json.GetProperty("type").GetString());
        Assert.True(json.GetProperty("flags").GetProperty("ddt_originated").GetBoolean());
        var inner = json.GetProperty("inner");
        Assert.Equal("192.0.2.1", inner.GetProperty("source").GetString());
        Assert.Equal("10.1.0.7", inner.GetProperty("destination").GetString());
        Assert.Equal(61000, inner.GetProperty("source_port").GetInt32());
        Assert.Equal(4342, inner.GetProperty("destination_port").GetInt32());
        Assert.Equal("map-request", inner.GetProperty("message").GetProperty("type").GetString());
    }

    [Fact]
    public void Json_MapReferral_ReferralLocatorsAndIncomplete()
    {
        var referral = new MapReferral(9, new ReferralRecord[]
        {
            new(InetAddress.Parse("10.0.0.0"), 8, 1440, ReferralAction.MsReferral, new LocatorRecord[] { new(InetAddress.Parse("192.0.2.9")) }, incomplete: true),
        });
        var record = JsonDocument.Parse(MessageFormatter.Json(referral)).RootElement.GetProperty("records")[0];
        Assert.Equal("10.0.0.0/8", record.GetProperty("eid").GetString());
        Assert.Equal("ms-referral", record.GetProperty("action").GetString());
        Assert.True(record.GetProperty("incomplete").GetBoolean());
        Assert.Equal("192.0.2.9", record.GetProperty("locators")[0].GetProperty("rloc").GetString());
        Assert.Contains("ms-referral auth incomplete [192.0.2.9 1/100 R]", MessageFormatter.Summary(referral), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_MapReplyLocator_HasEveryContractName()
    {
        var json = JsonDocument.Parse(MessageFormatter.Json(Reply)).RootElement;
        Assert.Equal("1a2b3c4d5e6f7081", json.GetProperty("nonce").GetString());
        var record = json.GetProperty("records")[0];
        Assert.Equal(["eid", "ttl", "action", "authoritative", "map_version", "locators"], record.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["rloc", "priority", "weight", "m_priority", "m_weight", "local", "probed", "reachable"],
            record.GetProperty("locators")[0].EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(MapReplyAction.NoAction, "no-action")]
    [InlineData(MapReplyAction.NativelyForward, "natively-forward")]
    [InlineData(MapReplyAction.SendMapRequest, "send-map-request")]
    [InlineData(MapReplyAction.DropNoReason, "drop")]
    [InlineData(MapReplyAction.DropPolicyDenied, "drop-policy-denied")]
    [InlineData(MapReplyAction.DropAuthFailure, "drop-auth-failure")]
    public void ActionName_EveryAction_FrozenName(MapReplyAction action, string name) => Assert.Equal(name, FormatNames.ActionName(action));

    [Theory]
    [InlineData(ReferralAction.NodeReferral, "node-referral")]
    [InlineData(ReferralAction.MsReferral, "ms-referral")]
    [InlineData(ReferralAction.MsAck, "ms-ack")]
    [InlineData(ReferralAction.MsNotRegistered, "ms-not-registered")]
    [InlineData(ReferralAction.DelegationHole, "delegation-hole")]
    [InlineData(ReferralAction.NotAuthoritative, "not-authoritative")]
    public void ReferralActionName_EveryAction_FrozenName(ReferralAction action, string name) => Assert.Equal(name, FormatNames.ReferralActionName(action));

    [Theory]
    [InlineData(0x10, "map-request")]
    [InlineData(0x20, "map-reply")]
    [InlineData(0x30, "map-register")]
    [InlineData(0x40, "map-notify")]
    [InlineData(0x50, "map-notify-ack")]
    [InlineData(0x60, "map-referral")]
    [InlineData(0x70, "info-request")]
    [InlineData(0x78, "info-reply")]
    [InlineData(0x80, "ecm")]
    [InlineData(0xF0, "shared-extension")]
    [InlineData(0x90, null)]
    public void PeekTypeName_EveryTypeNibble_FrozenName(byte first, string? name) => Assert.Equal(name, FormatNames.PeekTypeName([first]));
}
