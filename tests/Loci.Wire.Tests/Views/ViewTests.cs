using System.Net;
using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Views;

/// <summary>The zero-copy views must agree with the model parser on every field.</summary>
public class ViewTests
{
    [Fact]
    public void MapRequestView_RandomRequests_FieldsMatchModel()
    {
        var random = new RandomModels(31);
        for (var i = 0; i < 500; i++)
        {
            var model = random.MapRequest();
            var bytes = model.ToArray();
            Assert.True(MapRequestView.TryParse(bytes, out var view, out var error), error.ToString());
            Assert.Equal(model.Nonce, view.Nonce);
            Assert.Equal(model.HeaderWord, view.Header);
            Assert.Equal(model.Authoritative, view.Authoritative);
            Assert.Equal(model.Probe, view.Probe);
            Assert.Equal(model.SmrInvoked, view.SmrInvoked);
            Assert.Equal(model.SourceEid, view.SourceEid.ToAddress());
            var rlocs = new List<LispAddress>();
            foreach (var rloc in view.ItrRlocs)
            {
                rlocs.Add(rloc.ToAddress());
            }

            Assert.Equal(model.ItrRlocs.Items, rlocs);
            var index = 0;
            foreach (var record in view.Records)
            {
                Assert.Equal(model.Records[index].EidPrefix, record.Eid.ToAddress());
                Assert.Equal(model.Records[index].MaskLength, record.MaskLength);
                Assert.Equal(model.Records[index].Notify, record.Notify);
                index++;
            }

            Assert.Equal(model.Records.Count, index);
            Assert.Equal(model.MapReplyRecord is not null, view.HasMapReplyRecord);
            if (model.MapReplyRecord is not null)
            {
                Assert.Equal(model.MapReplyRecord, view.MapReplyRecord.ToRecord());
            }
        }
    }

    [Fact]
    public void MapReplyView_RandomReplies_RecordsAndLocatorsMatchModel()
    {
        var random = new RandomModels(32);
        for (var i = 0; i < 500; i++)
        {
            var model = random.MapReply();
            var bytes = model.ToArray();
            Assert.True(MapReplyView.TryParse(bytes, out var view, out var error), error.ToString());
            Assert.Equal(model.Nonce, view.Nonce);
            Assert.Equal(model.Probe, view.Probe);
            Assert.Equal(model.Records.Count, view.Records.Count);
            var index = 0;
            foreach (var record in view.Records)
            {
                var expected = model.Records[index++];
                Assert.Equal(expected, record.ToRecord());
                Assert.Equal(expected.Ttl, record.Ttl);
                Assert.Equal(expected.Action, record.Action);
                Assert.Equal(expected.Authoritative, record.Authoritative);
                Assert.Equal(expected.MapVersion, record.MapVersion);
                var locatorIndex = 0;
                foreach (var locator in record.Locators)
                {
                    var expectedLocator = expected.Locators[locatorIndex++];
                    Assert.Equal(expectedLocator.Priority, locator.Priority);
                    Assert.Equal(expectedLocator.Weight, locator.Weight);
                    Assert.Equal(expectedLocator.Reachable, locator.Reachable);
                    Assert.Equal(expectedLocator.Rloc, locator.Rloc.ToAddress());
                }

                Assert.Equal(expected.Locators.Count, locatorIndex);
            }
        }
    }

    [Fact]
    public void MapRegisterView_RandomRegisters_FieldsMatchModel()
    {
        var random = new RandomModels(33);
        for (var i = 0; i < 500; i++)
        {
            var model = random.MapRegister();
            var bytes = model.ToArray();
            Assert.True(MapRegisterView.TryParse(bytes, out var view, out var error), error.ToString());
            Assert.Equal(model.Nonce, view.Nonce);
            Assert.Equal(model.KeyId, view.KeyId);
            Assert.Equal(model.Algorithm, view.Algorithm);
            Assert.Equal(model.WantMapNotify, view.WantMapNotify);
            Assert.Equal(model.ProxyReply, view.ProxyReply);
            Assert.Equal(model.Merge, view.Merge);
            Assert.Equal(model.XtrId ?? 0, view.XtrId);
            Assert.Equal(model.SiteId ?? 0, view.SiteId);
            Assert.Equal(model.AuthenticationData.Items, view.AuthenticationData.ToArray());
            Assert.Equal(model.Records.Count, view.Records.Count);
        }
    }

    [Fact]
    public void Views_TruncatedAndFlipped_AgreeWithModelOnRejection()
    {
        var random = new RandomModels(34);
        for (var i = 0; i < 150; i++)
        {
            LispMessage message = (i % 3) switch
            {
                0 => random.MapRequest(),
                1 => random.MapReply() with { SecurityData = null },
                _ => random.MapRegister(),
            };
            var bytes = message.ToArray();
            for (var length = 0; length < bytes.Length; length++)
            {
                if (length == Truncation.ValidShorterLength(message, bytes.Length))
                {
                    continue;
                }

                var prefix = bytes[..length];
                Assert.False(ViewAccepts(prefix, out var viewError), $"{message.Type} prefix {length}/{bytes.Length} accepted: {Convert.ToHexString(bytes)}");
                Assert.InRange(viewError.Offset, 0, length);
            }

            var flipped = (byte[])bytes.Clone();
            var bit = random.Next(flipped.Length * 8);
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            if (LispMessage.TryParse(flipped, out var parsed, out _) && parsed is MapRequest or MapReply or MapRegister)
            {
                Assert.True(ViewAccepts(flipped, out var error), $"model accepted, view rejected: {error}");
            }
        }
    }

    [Fact]
    public void AddressView_InstanceId_OpensInnerAddress()
    {
        var address = new InstanceIdAddress(1000, new InetAddress(IPAddress.Parse("10.1.0.7")));
        var bytes = AddressCoding.Encode(address);
        var reader = new SpanReader(bytes);
        Assert.True(AddressView.TryRead(ref reader, out var view));
        Assert.True(view.TryGetInstanceId(out var iid, out var inner));
        Assert.Equal(1000u, iid);
        Assert.True(inner.IsIPv4);
        Assert.Equal(0x0A010007u, inner.IPv4);
        Assert.Equal(12, inner.Offset); // AFI (2) + LCAF header (6) + instance ID (4)
    }

    private static bool ViewAccepts(byte[] bytes, out WireError error) => LispMessage.PeekType(bytes) switch
    {
        MessageType.MapRequest => MapRequestView.TryParse(bytes, out _, out error),
        MessageType.MapReply => MapReplyView.TryParse(bytes, out _, out error),
        MessageType.MapRegister => MapRegisterView.TryParse(bytes, out _, out error),
        _ => Reject(bytes, out error),
    };

    private static bool Reject(byte[] bytes, out WireError error)
    {
        error = new WireError(WireErrorCode.UnknownMessageType, 0, "test");
        return false;
    }
}
