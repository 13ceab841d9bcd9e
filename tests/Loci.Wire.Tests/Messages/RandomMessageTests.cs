using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Messages;

/// <summary>Property tests over seeded random models of every message type.</summary>
public class RandomMessageTests
{
    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RoundTrip_RandomMessages_ModelBytesModelEqual(int seed)
    {
        var random = new RandomModels(seed);
        for (var i = 0; i < 400; i++)
        {
            var message = random.Message();
            var bytes = message.ToArray();
            Assert.Equal(message.EncodedLength, bytes.Length);
            var parsed = MessageCoding.Decode(bytes);
            Assert.Equal(message, parsed);
            Assert.Equal(bytes, parsed.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Truncation_RandomMessages_EveryPrefixFailsWithoutThrowing(int seed)
    {
        var random = new RandomModels(seed + 100);
        for (var i = 0; i < 40; i++)
        {
            var message = random.Message();

            // An opaque tail (type 15 body, LISP-SEC data) has no length of its own: a shorter tail is a valid message.
            if (message is SharedExtensionMessage || message is MapReply { SecurityData: not null })
            {
                continue;
            }

            var bytes = message.ToArray();
            Truncation.AssertEveryPrefixFails(bytes, MessageCoding.ParseMessage, Truncation.ValidShorterLength(message, bytes.Length));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parse_BitFlippedAndRandomBytes_NeverThrows(int seed)
    {
        var random = new RandomModels(seed + 200);
        for (var i = 0; i < 300; i++)
        {
            var bytes = random.Message().ToArray();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                var bit = random.Next(bytes.Length * 8);
                bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            if (LispMessage.TryParse(bytes, out var message, out var error))
            {
                // Whatever parsed must encode back to a message that parses to the same model.
                Assert.Equal(message, MessageCoding.Decode(message!.ToArray()));
            }
            else
            {
                Assert.InRange(error.Offset, 0, bytes.Length);
            }

            Assert.False(LispMessage.TryParse(random.Bytes(0), out _, out _));
            _ = LispMessage.TryParse(random.Bytes(random.Next(1, 64)), out _, out _);
        }
    }

    [Fact]
    public void Signed_RandomRegisters_VerifyWithTheirKey()
    {
        var random = new RandomModels(99);
        using var sha1 = AuthenticationKey.FromPassword("a-key", AuthAlgorithm.HmacSha1_96, keyId: 4);
        using var sha256 = AuthenticationKey.FromPassword("a-key", AuthAlgorithm.HmacSha256_128, keyId: 4);
        for (var i = 0; i < 200; i++)
        {
            var key = random.Bool() ? sha1 : sha256;
            var bytes = random.MapRegister().ToSignedArray(key);
            Assert.Equal(AuthResult.Valid, key.Verify(bytes));
            var parsed = Assert.IsType<MapRegister>(MessageCoding.Decode(bytes));
            Assert.Equal(key.DigestLength, parsed.AuthenticationData.Count);
        }
    }
}
