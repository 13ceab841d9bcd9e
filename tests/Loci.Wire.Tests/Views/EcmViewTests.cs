using System.Net;
using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Views;

/// <summary>The ECM view must read what the model reads and refuse what it refuses.</summary>
public class EcmViewTests
{
    [Fact]
    public void EcmView_RandomEcms_FieldsMatchModel()
    {
        var random = new RandomModels(41);
        for (var i = 0; i < 500; i++)
        {
            var model = random.Ecm();
            if (i % 4 == 0)
            {
                model = model with { SecurityData = SecurityData(random) };
            }

            var bytes = model.ToArray();
            Assert.True(EcmView.TryParse(bytes, out var view, out var error), error.ToString());
            Assert.Equal(model.HeaderWord, view.Header);
            Assert.Equal(model.DdtOriginated, view.DdtOriginated);
            Assert.Equal(model.ToEtr, view.ToEtr);
            Assert.Equal(model.ToMapServer, view.ToMapServer);
            Assert.Equal(model.SecurityData?.Items.ToArray() ?? [], view.SecurityData.ToArray());
            Assert.Equal(model.InnerSource, new IPAddress(view.Headers.Source));
            Assert.Equal(model.InnerDestination, new IPAddress(view.Headers.Destination));
            Assert.Equal(model.IsIPv6, view.Headers.IsIPv6);
            Assert.Equal(model.InnerSourcePort, view.Headers.SourcePort);
            Assert.Equal(model.InnerDestinationPort, view.Headers.DestinationPort);
            Assert.Equal(model.InnerTtl, view.Headers.Ttl);
            Assert.Equal(model.InnerTos, view.Headers.Tos);
            Assert.Equal(model.Inner.Type, view.InnerType);
            Assert.Equal(model.Inner.ToArray(), view.Inner.ToArray());
            Assert.Equal(bytes.Length - view.Inner.Length, view.InnerOffset);
        }
    }

    [Fact]
    public void EcmView_EveryTruncation_Rejected()
    {
        var random = new RandomModels(42);
        for (var i = 0; i < 40; i++)
        {
            var bytes = random.Ecm().ToArray();
            Truncation.AssertEveryPrefixFails(bytes, static (span, out error) => EcmView.TryParse(span, out _, out error));
        }
    }

    [Fact]
    public void EcmView_TrailingByte_Rejected()
    {
        var bytes = new RandomModels(43).Ecm().ToArray();
        Assert.False(EcmView.TryParse([.. bytes, 0], out _, out var error));
        Assert.Equal(WireErrorCode.TrailingBytes, error.Code);
    }

    /// <summary>
    /// Whatever the model accepts as an ECM holding a Map-Request, the two views accept too (the
    /// map-server's allocation-free path must not drop a request the model would answer).
    /// </summary>
    [Fact]
    public void EcmAndRequestViews_FlippedBits_AcceptWhatTheModelAccepts()
    {
        var random = new RandomModels(44);
        var checkedCount = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = random.Ecm().ToArray();
            var bit = random.Next(bytes.Length * 8);
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            if (!LispMessage.TryParse(bytes, out var parsed, out _) || parsed is not EncapsulatedControlMessage { Inner: MapRequest })
            {
                continue;
            }

            checkedCount++;
            Assert.True(EcmView.TryParse(bytes, out var ecm, out var error), $"ECM view refused: {error}");
            Assert.Equal(MessageType.MapRequest, ecm.InnerType);
            Assert.True(MapRequestView.TryParse(ecm.Inner, out _, out error), $"request view refused: {error}");
        }

        Assert.True(checkedCount > 100, $"only {checkedCount} flipped ECMs still parsed");
    }

    [Fact]
    public void EcmView_NotAnEcm_Rejected()
    {
        var bytes = new RandomModels(45).MapRequest().ToArray();
        Assert.False(EcmView.TryParse(bytes, out _, out var error));
        Assert.Equal(WireErrorCode.UnknownMessageType, error.Code);
    }

    /// <summary>A well-formed LISP-SEC block (RFC 9303 §6.1): AD type, OTK-AD length, wrapping ID, OTK-AD, EID-AD length, EID-AD.</summary>
    private static EquatableArray<byte> SecurityData(RandomModels random)
    {
        var otk = random.Next(3) * 8;
        var eidAd = random.Next(3) * 12;
        var data = new byte[4 + 2 + 2 + otk + 2 + eidAd];
        data[4] = (byte)(otk >> 8);
        data[5] = (byte)otk;
        data[8 + otk] = (byte)(eidAd >> 8);
        data[9 + otk] = (byte)eidAd;
        return data;
    }
}
