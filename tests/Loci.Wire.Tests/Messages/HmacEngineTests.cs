using System.Security.Cryptography;
using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Messages;

/// <summary>Both HMAC engines must equal the BCL's HMAC of the message with the field zeroed.</summary>
public class HmacEngineTests
{
    [Theory]
    [InlineData(AuthAlgorithm.HmacSha1_96, true)]
    [InlineData(AuthAlgorithm.HmacSha1_96, false)]
    [InlineData(AuthAlgorithm.HmacSha256_128, true)]
    [InlineData(AuthAlgorithm.HmacSha256_128, false)]
    public void Compute_RandomKeysAndMessages_EqualsBclHmacOfZeroedCopy(AuthAlgorithm algorithm, bool allowNative)
    {
        var random = new RandomModels(77);
        for (var i = 0; i < 300; i++)
        {
            // Keys up to 100 bytes: longer than the 64-byte block exercises RFC 2104's key hashing.
            var secret = random.Bytes(random.Next(0, 100));
            using var key = new AuthenticationKey(1, algorithm, secret, allowNative);
            var message = random.Bytes(random.Next(16, 700));
            var fieldOffset = random.Next(0, 16);
            var fieldLength = random.Next(0, Math.Min(140, message.Length - fieldOffset));
            var zeroed = (byte[])message.Clone();
            zeroed.AsSpan(fieldOffset, fieldLength).Clear();
            var expected = algorithm == AuthAlgorithm.HmacSha1_96 ? HMACSHA1.HashData(secret, zeroed) : HMACSHA256.HashData(secret, zeroed);

            var digest = new byte[32];
            key.Compute(message, fieldOffset, fieldLength, digest);
            Assert.Equal(expected, digest[..key.DigestLength]);
        }
    }

    [Fact]
    public void Engine_OnLinux_UsesLibCrypto()
    {
        using var key = AuthenticationKey.FromPassword("k");
        Assert.Equal(OperatingSystem.IsLinux() ? "libcrypto" : "bcl", key.Engine);
        using var bcl = new AuthenticationKey(0, AuthAlgorithm.HmacSha256_128, "k"u8, allowNative: false);
        Assert.Equal("bcl", bcl.Engine);
    }

    [Fact]
    public async Task Compute_ConcurrentCallers_SameResults()
    {
        using var key = AuthenticationKey.FromPassword("shared");
        var message = new RandomModels(5).Bytes(300);
        var expected = new byte[32];
        key.Compute(message, 16, 32, expected);
        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var digest = new byte[32];
            for (var i = 0; i < 20000; i++)
            {
                key.Compute(message, 16, 32, digest);
                if (!digest.AsSpan().SequenceEqual(expected))
                {
                    return false;
                }
            }

            return true;
        }));
        Assert.All(await Task.WhenAll(tasks), Assert.True);
    }
}
