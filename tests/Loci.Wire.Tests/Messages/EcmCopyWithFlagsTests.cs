using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Messages;

/// <summary>
/// <see cref="EncapsulatedControlMessage.CopyWithFlags"/>: a received ECM passed on with new D/E/M
/// flags is byte for byte the ECM the model would encode with those flags (S kept, reserved zero).
/// </summary>
public class EcmCopyWithFlagsTests
{
    [Theory]
    [InlineData(EncapsulatedControlMessage.DdtOriginatedFlag)]
    [InlineData(EncapsulatedControlMessage.ToMapServerFlag)]
    [InlineData(EncapsulatedControlMessage.ToEtrFlag)]
    [InlineData(0u)]
    public void CopyWithFlags_RandomEcms_EqualsTheModelWithThoseFlags(uint flags)
    {
        var random = new RandomModels(8111);
        var bytes = new Random(6);
        for (var i = 0; i < 300; i++)
        {
            var model = random.Ecm() with
            {
                DdtOriginated = bytes.Next(2) == 0,
                ToEtr = bytes.Next(2) == 0,
                ToMapServer = bytes.Next(2) == 0,
                ReservedBits = (uint)bytes.Next(0, 1 << 24),
            };
            if (i % 3 == 0)
            {
                model = model with { SecurityData = SecurityBlock(bytes) };
            }

            var received = model.ToArray();
            var copy = new byte[received.Length + 7];
            var length = EncapsulatedControlMessage.CopyWithFlags(received, copy, flags);

            var expected = model with
            {
                DdtOriginated = (flags & EncapsulatedControlMessage.DdtOriginatedFlag) != 0,
                ToEtr = (flags & EncapsulatedControlMessage.ToEtrFlag) != 0,
                ToMapServer = (flags & EncapsulatedControlMessage.ToMapServerFlag) != 0,
                ReservedBits = 0,
            };
            Assert.Equal(received.Length, length);
            Assert.Equal(expected.ToArray(), copy[..length]);
            Assert.True(LispMessage.TryParse(copy.AsSpan(0, length), out var parsed, out var error), error.ToString());
            Assert.Equal(expected, parsed);
        }
    }

    [Fact]
    public void CopyWithFlags_NotAnEcm_OtherFlags_ShortDestination_Refused()
    {
        var ecm = new RandomModels(9).Ecm().ToArray();
        var request = new byte[] { 0x10, 0, 0, 1 };

        Assert.Contains("Encapsulated", Assert.Throws<ArgumentException>(() => EncapsulatedControlMessage.CopyWithFlags(request, new byte[64], 0)).Message, StringComparison.Ordinal);
        Assert.Contains("D, E and M", Assert.Throws<ArgumentException>(() => EncapsulatedControlMessage.CopyWithFlags(ecm, new byte[ecm.Length], EncapsulatedControlMessage.SecurityFlag)).Message, StringComparison.Ordinal);
        Assert.Contains($"the ECM has {ecm.Length}", Assert.Throws<ArgumentException>(() => EncapsulatedControlMessage.CopyWithFlags(ecm, new byte[ecm.Length - 1], 0)).Message, StringComparison.Ordinal);
    }

    /// <summary>A well-formed LISP-SEC block (RFC 9303 §6.1): AD type, OTK-AD length 8, wrapping ID, OTK-AD, EID-AD length 0.</summary>
    private static EquatableArray<byte> SecurityBlock(Random random)
    {
        var data = new byte[4 + 2 + 2 + 8 + 2];
        random.NextBytes(data.AsSpan(8, 8));
        data[5] = 8;
        return data;
    }
}
