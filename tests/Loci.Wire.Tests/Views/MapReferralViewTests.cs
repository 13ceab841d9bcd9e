using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Views;

/// <summary>The Map-Referral view (RFC 8111 §6.4) must read what the model reads and refuse what it refuses.</summary>
public class MapReferralViewTests
{
    [Fact]
    public void MapReferralView_HandBuiltReferrals_FieldsMatchModel()
    {
        foreach (var model in Samples())
        {
            AssertMatches(model, model.ToArray());
        }
    }

    [Fact]
    public void MapReferralView_RandomReferrals_FieldsMatchModel()
    {
        var random = new RandomModels(51);
        for (var i = 0; i < 500; i++)
        {
            var model = random.MapReferral();
            AssertMatches(model, model.ToArray());
        }
    }

    [Fact]
    public void MapReferralView_EveryTruncation_AgreesWithModel()
    {
        var random = new RandomModels(52);
        var messages = Samples().Concat(Enumerable.Range(0, 40).Select(_ => PlainReferral(random)));
        foreach (var message in messages)
        {
            var bytes = message.ToArray();
            for (var length = 0; length <= bytes.Length; length++)
            {
                AssertAgrees(bytes[..length], strict: true);
            }
        }
    }

    /// <summary>
    /// Without LCAFs the view accepts exactly what the model accepts. With LCAFs it may accept more:
    /// views check an LCAF by its Length only and leave its payload undecoded (<see cref="AddressView"/>),
    /// so there only "model accepts, view accepts" is required, as for the other views.
    /// </summary>
    [Fact]
    public void MapReferralView_RandomByteMutations_AgreesWithModel()
    {
        var random = new RandomModels(53);
        var plain = Samples().Concat(Enumerable.Range(0, 40).Select(_ => PlainReferral(random))).Select(m => m.ToArray()).ToArray();
        var checkedAccepted = 0;
        for (var i = 0; i < 4000; i++)
        {
            var strict = i % 4 != 0;
            var bytes = strict ? (byte[])plain[random.Next(plain.Length)].Clone() : random.MapReferral().ToArray();
            for (var mutations = random.Next(1, 4); mutations > 0; mutations--)
            {
                bytes[random.Next(bytes.Length)] = random.Byte();
            }

            checkedAccepted += AssertAgrees(bytes, strict) ? 1 : 0;
        }

        Assert.True(checkedAccepted > 200, $"only {checkedAccepted} mutated referrals still parsed");
    }

    [Fact]
    public void MapReferralView_MaskLengthTooWide_SameErrorAsModel()
    {
        var model = new MapReferral(1, new[] { new ReferralRecord(InetAddress.Parse("10.0.0.0"), 8, 1440, ReferralAction.MsAck, []) });
        var bytes = model.ToArray();
        bytes[12 + 5] = 33; // header (4) + nonce (8), then TTL (4) and Referral Count (1)
        Assert.False(MapReferralView.TryParse(bytes, out _, out var error));
        Assert.Equal(new WireError(WireErrorCode.BadValue, 17, "EID mask-len wider than the address"), error);
        Assert.Equal(error, MessageCoding.DecodeError(bytes));
    }

    [Fact]
    public void MapReferralView_TrailingByteOrOtherType_Rejected()
    {
        var bytes = Samples().First(m => m.Records.Count > 0).ToArray();
        Assert.False(MapReferralView.TryParse([.. bytes, 0], out _, out var error));
        Assert.Equal(WireErrorCode.TrailingBytes, error.Code);
        Assert.False(MapReferralView.TryParse(new RandomModels(54).MapReply().ToArray(), out _, out error));
        Assert.Equal(WireErrorCode.UnknownMessageType, error.Code);
    }

    [Fact]
    public void MapReferralView_MsAck_ParseAndEnumerateAllocateNothing()
    {
        var bytes = new MapReferral(7, new[] { new ReferralRecord(InetAddress.Parse("10.1.0.0"), 16, 1440, ReferralAction.MsAck, []) }).ToArray();
        var sum = Walk(bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            sum += Walk(bytes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1_001L * (0x0A01_0000 + 1440 + (int)ReferralAction.MsAck), sum);
    }

    private static long Walk(byte[] bytes)
    {
        if (!MapReferralView.TryParse(bytes, out var view, out _))
        {
            return -1;
        }

        long sum = 0;
        foreach (var record in view.Records)
        {
            sum += record.Eid.IPv4 + record.Ttl + (int)record.Action;
            foreach (var referral in record.Referrals)
            {
                sum += referral.Priority;
            }
        }

        return sum;
    }

    /// <summary>Runs both parsers; returns whether they accepted. Strict: they must agree both ways.</summary>
    private static bool AssertAgrees(byte[] bytes, bool strict)
    {
        var modelOk = LispMessage.TryParse(bytes, out var message, out var modelError) && message is MapReferral;
        var viewOk = MapReferralView.TryParse(bytes, out _, out var viewError);
        var hex = Convert.ToHexString(bytes);
        if (modelOk || strict)
        {
            Assert.True(modelOk == viewOk, $"model {modelOk} ({modelError}), view {viewOk} ({viewError}): {hex}");
        }

        if (!viewOk)
        {
            Assert.True(viewError.IsError && viewError.Offset >= 0 && viewError.Offset <= bytes.Length, $"{viewError}: {hex}");
        }

        if (strict && !viewOk && LispMessage.PeekType(bytes) == MessageType.MapReferral && bytes.Length > 0)
        {
            // Same checks in the same order: same code and position (the model's detail may differ only for the header).
            Assert.True(modelError.Code == viewError.Code && modelError.Offset == viewError.Offset, $"model {modelError}, view {viewError}: {hex}");
        }

        return viewOk;
    }

    private static void AssertMatches(MapReferral model, byte[] bytes)
    {
        Assert.True(MapReferralView.TryParse(bytes, out var view, out var error), error.ToString());
        Assert.Equal(model.HeaderWord, view.Header);
        Assert.Equal(model.Nonce, view.Nonce);
        Assert.Equal(model.Records.Count, view.RecordCount);
        var index = 0;
        foreach (var record in view.Records)
        {
            var expected = model.Records[index++];
            Assert.Equal(expected.Ttl, record.Ttl);
            Assert.Equal(expected.Action, record.Action);
            Assert.Equal(expected.Authoritative, record.Authoritative);
            Assert.Equal(expected.Incomplete, record.Incomplete);
            Assert.Equal(expected.ReservedBits, record.Flags & ReferralRecord.ReservedMask);
            Assert.Equal(expected.MapVersion, record.MapVersion);
            Assert.Equal(expected.MaskLength, record.MaskLength);
            Assert.Equal(expected.Referrals.Count, record.ReferralCount);
            Assert.Equal(expected.Signatures.Count, record.SignatureCount);
            var eid = AddressCoding.Encode(expected.EidPrefix);
            Assert.Equal((Afi)((eid[0] << 8) | eid[1]), record.Eid.Afi);
            Assert.Equal(eid[2..], record.Eid.Body.ToArray());
            Assert.Equal(expected.EncodedLength, record.Raw.Length);
            Assert.Equal(expected, record.ToRecord());
            var referralIndex = 0;
            foreach (var referral in record.Referrals)
            {
                var locator = expected.Referrals[referralIndex++];
                Assert.Equal(locator.Priority, referral.Priority);
                Assert.Equal(locator.Weight, referral.Weight);
                Assert.Equal(locator.MulticastPriority, referral.MulticastPriority);
                Assert.Equal(locator.MulticastWeight, referral.MulticastWeight);
                Assert.Equal(locator.Reachable, referral.Reachable);
                Assert.Equal(locator.Rloc, referral.Rloc.ToAddress());
            }

            Assert.Equal(expected.Referrals.Count, referralIndex);
        }

        Assert.Equal(model.Records.Count, index);
    }

    /// <summary>Every action, IPv4 and IPv6 EIDs and referrals, I bit, signatures, reserved bits, 0 to 4 records; no LCAFs.</summary>
    private static IEnumerable<MapReferral> Samples()
    {
        var ddtNodes = new[] { Loc("192.0.2.100", 1, 100), Loc("2001:db8::100", 2, 0, reachable: false) };
        var signature = new ReferralSignature(1440, 0x6500_0000, 0x6400_0000, 0xBEEF, 8, new byte[] { 1, 2, 3, 4, 5, 6, 7 });
        yield return new MapReferral(0, []);
        yield return new MapReferral(0x0102_0304_0506_0708, new[] { Record("10.1.0.0", 16, ReferralAction.MsAck) });
        yield return new MapReferral(2, new[] { Record("10.0.0.0", 8, ReferralAction.NodeReferral, ddtNodes) });
        yield return new MapReferral(3, new[] { Record("2001:db8::", 32, ReferralAction.MsReferral, [Loc("2001:db8::200", 5, 50)], incomplete: true) });
        yield return new MapReferral(4, new[] { Record("10.9.0.0", 16, ReferralAction.DelegationHole) with { ReservedBits = 0x0421 } })
        {
            ReservedBits = 0x0ABC_DE00,
        };
        yield return new MapReferral(5, new[]
        {
            Record("10.0.0.0", 8, ReferralAction.NodeReferral, ddtNodes, signatures: [signature, signature with { Signature = Array.Empty<byte>() }]),
            Record("2001:db8:1::", 48, ReferralAction.MsNotRegistered, incomplete: true),
            Record("10.64.0.0", 10, ReferralAction.NotAuthoritative, [Loc("192.0.2.201", 255, 255)], authoritative: false),
            Record("::", 0, ReferralAction.MsAck, [], mapVersion: 4095),
        });
    }

    private static ReferralRecord Record(
        string prefix,
        byte mask,
        ReferralAction action,
        LocatorRecord[]? referrals = null,
        bool authoritative = true,
        bool incomplete = false,
        ushort mapVersion = 0,
        ReferralSignature[]? signatures = null) =>
        new(InetAddress.Parse(prefix), mask, 1440, action, referrals ?? [], authoritative, incomplete, mapVersion, signatures ?? []);

    private static LocatorRecord Loc(string address, byte priority, byte weight, bool reachable = true) =>
        new(InetAddress.Parse(address), priority, weight, Reachable: reachable);

    /// <summary>A random Map-Referral with IPv4/IPv6 EIDs and referrals only, so both parsers read the same bytes the same way.</summary>
    private static MapReferral PlainReferral(RandomModels random)
    {
        var records = new ReferralRecord[random.Next(0, 4)];
        for (var i = 0; i < records.Length; i++)
        {
            var eid = random.Ip();
            var referrals = new LocatorRecord[random.Next(0, 4)];
            for (var j = 0; j < referrals.Length; j++)
            {
                referrals[j] = new LocatorRecord(random.Ip(), random.Byte(), random.Byte(), Reachable: random.Bool());
            }

            var signatures = new ReferralSignature[random.Next(3) == 0 ? random.Next(1, 3) : 0];
            for (var j = 0; j < signatures.Length; j++)
            {
                signatures[j] = new ReferralSignature(random.UInt32(), random.UInt32(), random.UInt32(), random.UInt16(), random.Byte(), random.Bytes(random.Next(0, 24)));
            }

            records[i] = new ReferralRecord(
                eid,
                (byte)random.Next(eid.AddressBits + 1),
                random.UInt32(),
                (ReferralAction)random.Next(6),
                referrals,
                random.Bool(),
                random.Bool(),
                (ushort)random.Next(4096),
                signatures);
        }

        return new MapReferral(random.UInt64(), records);
    }
}
