using System.Net;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.Tests.MapResolver;
using Loci.ControlPlane.Tests.Support;
using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Tests.Ddt;

public class DdtNodeTests
{
    private static readonly IPEndPoint Client = new(IPAddress.Parse("127.0.0.30"), 4342);

    private readonly RecordingSender _sender = new();

    /// <summary>The root of the demo topology: 0.0.0.0/0 and ::/0, delegating 10.0.0.0/8 and 2001:db8::/32 to 127.0.0.11.</summary>
    private DdtNode NewRoot() => new(
        DdtNodeOptions.Root(
            Delegation("10.0.0.0/8", DdtDelegationKind.DdtNode, "127.0.0.11"),
            Delegation("2001:db8::/32", DdtDelegationKind.DdtNode, "127.0.0.11")),
        _sender);

    /// <summary>The child: authoritative 10.0.0.0/8, 10.1.0.0/16 to one Map-Server, 10.2.0.0/16 to two.</summary>
    private DdtNode NewChild() => new(
        new DdtNodeOptions
        {
            AuthoritativePrefixes = [EidPrefix.Parse("10.0.0.0/8")],
            Delegations =
            [
                Delegation("10.1.0.0/16", DdtDelegationKind.MapServer, "127.0.0.20"),
                new DdtDelegation(EidPrefix.Parse("10.2.0.0/16"), DdtDelegationKind.MapServer, [new(IPAddress.Parse("127.0.0.20"), 1, 50), new(IPAddress.Parse("127.0.0.21"), 2, 50)]),
                Delegation("10.3.0.0/16", DdtDelegationKind.MapServer, "127.0.0.21"),
            ],
        },
        _sender);

    [Fact]
    public void Receive_RootEidUnderDelegation_NodeReferralToChildSentToClient()
    {
        var root = NewRoot();

        DdtMessages.Deliver(root, DdtMessages.ItrEcm(0x1111, "10.1.0.7", ddtOriginated: true), Client);

        var (destination, message) = Assert.Single(_sender.Messages);
        Assert.Equal(Client, destination);
        var referral = Assert.IsType<MapReferral>(message);
        Assert.Equal(0x1111UL, referral.Nonce);
        var record = Assert.Single(referral.Records);
        Assert.Equal("10.0.0.0/8", record.Prefix);
        Assert.Equal(ReferralAction.NodeReferral, record.Action);
        Assert.Equal(1440u, record.Ttl);
        Assert.True(record.Authoritative);
        Assert.False(record.Incomplete);
        Assert.Equal(new InetAddress(IPAddress.Parse("127.0.0.11")), Assert.Single(record.Referrals).Rloc);
        Assert.Equal(1, root.Counters[DdtNodeCounter.NodeReferrals]);
        Assert.Equal(1, root.Counters[DdtNodeCounter.MapReferralsSent]);
    }

    [Fact]
    public void Receive_ChildEidUnderMapServerDelegation_MsReferralWithPriorities()
    {
        var child = NewChild();

        DdtMessages.Deliver(child, DdtMessages.ItrEcm(7, "10.2.0.7", ddtOriginated: true), Client);

        var record = Assert.Single(Assert.IsType<MapReferral>(Assert.Single(_sender.Messages).Message).Records);
        Assert.Equal("10.2.0.0/16", record.Prefix);
        Assert.Equal(ReferralAction.MsReferral, record.Action);
        Assert.Equal(1440u, record.Ttl);
        Assert.Equal([(byte)1, (byte)2], record.Referrals.Select(r => r.Priority));
        Assert.Equal(1, child.Counters[DdtNodeCounter.MsReferrals]);
    }

    [Theory]
    [InlineData("10.9.0.1", "10.8.0.0/13")]
    [InlineData("10.0.0.1", "10.0.0.0/16")]
    [InlineData("10.200.0.1", "10.128.0.0/9")]
    public void Receive_EidInDelegationHole_DelegationHoleWithLeastSpecificHolePrefix(string eid, string hole)
    {
        var child = NewChild();

        DdtMessages.Deliver(child, DdtMessages.ItrEcm(9, eid, ddtOriginated: true), Client);

        var record = Assert.Single(Assert.IsType<MapReferral>(Assert.Single(_sender.Messages).Message).Records);
        Assert.Equal(ReferralAction.DelegationHole, record.Action);
        Assert.Equal(hole, record.Prefix);
        Assert.Equal(15u, record.Ttl);
        Assert.Empty(record.Referrals);
        Assert.True(record.Authoritative);
        Assert.Equal(1, child.Counters[DdtNodeCounter.DelegationHoles]);
    }

    [Fact]
    public void Answer_NoDelegationsAtAll_HoleIsCutToTheAuthoritativePrefix()
    {
        var node = new DdtNode(new DdtNodeOptions { AuthoritativePrefixes = [EidPrefix.Parse("10.0.0.0/8")] }, _sender);

        var record = node.Answer(EidPrefix.Parse("10.9.0.1/32"));

        Assert.Equal(ReferralAction.DelegationHole, record.Action);
        Assert.Equal("10.0.0.0/8", record.Prefix);
    }

    [Fact]
    public void Receive_EidOutsideAuthority_NotAuthoritativeIncompleteTtlZero()
    {
        var child = NewChild();

        DdtMessages.Deliver(child, DdtMessages.ItrEcm(3, "192.0.2.99", ddtOriginated: true), Client);

        var record = Assert.Single(Assert.IsType<MapReferral>(Assert.Single(_sender.Messages).Message).Records);
        Assert.Equal(ReferralAction.NotAuthoritative, record.Action);
        Assert.Equal("192.0.2.99/32", record.Prefix);
        Assert.Equal(0u, record.Ttl);
        Assert.True(record.Incomplete);
        Assert.False(record.Authoritative);
        Assert.Empty(record.Referrals);
        Assert.Equal(1, child.Counters[DdtNodeCounter.NotAuthoritative]);
    }

    [Theory]
    [InlineData("2001:db8:1::7", ReferralAction.NodeReferral, "2001:db8::/32")]
    [InlineData("2001:db9::1", ReferralAction.DelegationHole, "2001:db9::/32")]
    [InlineData("192.0.2.1", ReferralAction.DelegationHole, "128.0.0.0/1")]
    public void Receive_RootAnswersBothFamilies(string eid, ReferralAction action, string prefix)
    {
        var root = NewRoot();

        DdtMessages.Deliver(root, DdtMessages.ItrEcm(5, eid, ddtOriginated: true), Client);

        var record = Assert.Single(Assert.IsType<MapReferral>(Assert.Single(_sender.Messages).Message).Records);
        Assert.Equal(action, record.Action);
        Assert.Equal(prefix, record.Prefix);
    }

    [Fact]
    public void Receive_CustomTtls_UsedInReferrals()
    {
        var options = DdtNodeOptions.Root(Delegation("10.0.0.0/8", DdtDelegationKind.DdtNode, "127.0.0.11")) with
        {
            Ttls = new ReferralTtls { NodeReferral = 60, DelegationHole = 5 },
        };
        var root = new DdtNode(options, _sender);

        Assert.Equal(60u, root.Answer(EidPrefix.Parse("10.1.0.1/32")).Ttl);
        Assert.Equal(5u, root.Answer(EidPrefix.Parse("11.0.0.1/32")).Ttl);
    }

    [Fact]
    public void Receive_EcmWithoutDBit_DroppedAndCounted()
    {
        var root = NewRoot();

        DdtMessages.Deliver(root, DdtMessages.ItrEcm(1, "10.1.0.7", ddtOriginated: false), Client);

        Assert.Empty(_sender.Sent);
        Assert.Equal(1, root.Counters[DdtNodeCounter.NotDdtOriginated]);
    }

    [Fact]
    public void Receive_GarbageTruncatedAndBitFlipped_CountedNeverThrows()
    {
        var root = NewRoot();
        var valid = DdtMessages.ItrEcm(0xABCD, "10.1.0.7", ddtOriginated: true);
        var random = new Random(8111);
        var received = 0;
        for (var length = 0; length < valid.Length; length++)
        {
            DdtMessages.Deliver(root, valid[..length], Client);
            received++;
        }

        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            DdtMessages.Deliver(root, bytes, Client);
            var flipped = (byte[])valid.Clone();
            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            DdtMessages.Deliver(root, flipped, Client);
            received += 2;
        }

        Assert.Equal(received, root.Counters[DdtNodeCounter.DatagramsReceived]);
        Assert.True(root.Counters[DdtNodeCounter.Malformed] >= valid.Length);

        // Still answers a valid request afterwards.
        _sender.Clear();
        DdtMessages.Deliver(root, valid, Client);
        Assert.IsType<MapReferral>(Assert.Single(_sender.Messages).Message);
    }

    [Fact]
    public void Delegations_Snapshot_ListsConfiguredDelegationsInAddressOrder()
    {
        var child = NewChild();

        Assert.Equal(["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"], child.Delegations.Select(d => d.Prefix.ToString()));
        Assert.Equal([EidPrefix.Parse("10.0.0.0/8")], child.AuthoritativePrefixes);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingEachProblem()
    {
        var options = new DdtNodeOptions
        {
            AuthoritativePrefixes = [EidPrefix.Parse("10.0.0.0/8")],
            Delegations =
            [
                Delegation("11.0.0.0/8", DdtDelegationKind.DdtNode, "127.0.0.11"),
                Delegation("10.1.0.0/16", DdtDelegationKind.MapServer, "127.0.0.20"),
                Delegation("10.1.2.0/24", DdtDelegationKind.MapServer, "127.0.0.21"),
                new DdtDelegation(EidPrefix.Parse("10.4.0.0/16"), DdtDelegationKind.MapServer, []),
            ],
        };

        var error = Assert.Throws<ArgumentException>(() => new DdtNode(options, _sender));

        Assert.Contains("Delegations[0] (11.0.0.0/8): not inside any authoritative prefix", error.Message, StringComparison.Ordinal);
        Assert.Contains("Delegations[2] (10.1.2.0/24): overlaps Delegations[1] (10.1.0.0/16)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Delegations[3] (10.4.0.0/16): needs at least one referral target", error.Message, StringComparison.Ordinal);
        Assert.Contains("AuthoritativePrefixes", Assert.Single(new DdtNodeOptions().Validate()), StringComparison.Ordinal);
    }

    private static DdtDelegation Delegation(string prefix, DdtDelegationKind kind, params string[] targets) =>
        new(EidPrefix.Parse(prefix), kind, targets.Select(t => new DdtReferralTarget(IPAddress.Parse(t))).ToArray());
}
