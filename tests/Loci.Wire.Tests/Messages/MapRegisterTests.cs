using System.Globalization;
using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Messages;

public class MapRegisterTests
{
    // The HMACs below were computed outside Loci (Python's hmac module) over the message with the
    // Authentication Data zeroed, key "site1-key": an independent check of coverage and placement.
    private static readonly byte[] Sha1Vector = Hex.Parse("""
        3a 00 01 01              // 0: type 3, P, I, M, 1 record
        01 02 03 04 05 06 07 08  // 4: nonce
        00 01 00 14              // 12: key ID 0, algorithm 1 (HMAC-SHA-1-96), auth length 20
        f7 cb 1c fe a5 a7 a0 d7 69 3b 4a 82 4a 23 74 89 fd ad fd d8 // 16: HMAC-SHA-1
        00 00 05 a0              // 36: record TTL 1440
        01 18 10 00              // 40: 1 locator, mask-len 24, A
        00 00 00 01              // 44: map-version 0, AFI 1
        0a 01 00 00              // 48: 10.1.0.0
        01 32 ff 00              // 52: priority 1, weight 50
        00 05 00 01              // 56: L|R, AFI 1
        7f 00 00 65              // 60: 127.0.0.101
        00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff // 64: xTR-ID
        00 00 00 00 00 00 00 2a  // 80: site-ID 42
        """);

    private static readonly byte[] Sha256Hmac = Hex.Parse("ed74e98288cf1288dec1aa017fcaa9459a601c5d28b1ce3620633093779adceb");

    private static MapRegister Model() => new(
        0x0102030405060708,
        new[]
        {
            new EidRecord(
                InetAddress.Parse("10.1.0.0"),
                24,
                1440,
                new[] { new LocatorRecord(InetAddress.Parse("127.0.0.101"), 1, 50, 255, 0, Local: true) },
                authoritative: true),
        })
    {
        ProxyReply = true,
        WantMapNotify = true,
        XtrId = UInt128.Parse("00112233445566778899aabbccddeeff", NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        SiteId = 42,
    };

    [Fact]
    public void WriteSigned_Sha1_MatchesIndependentHmac()
    {
        using var key = AuthenticationKey.FromPassword("site1-key", AuthAlgorithm.HmacSha1_96);
        Assert.Equal(Sha1Vector, Model().ToSignedArray(key));
    }

    [Fact]
    public void WriteSigned_Sha256_MatchesIndependentHmac()
    {
        using var key = AuthenticationKey.FromPassword("site1-key", AuthAlgorithm.HmacSha256_128);
        var bytes = Model().ToSignedArray(key);
        Assert.Equal(Hex.Parse("00 02 00 20"), bytes[12..16]);
        Assert.Equal(Sha256Hmac, bytes[16..48]);
        Assert.Equal(Sha1Vector[36..], bytes[48..]);
    }

    [Fact]
    public void Parse_Sha1Vector_FieldsDecoded()
    {
        var register = Assert.IsType<MapRegister>(MessageCoding.Decode(Sha1Vector));
        Assert.True(register.ProxyReply);
        Assert.True(register.WantMapNotify);
        Assert.False(register.Merge);
        Assert.Equal(AuthAlgorithm.HmacSha1_96, register.Algorithm);
        Assert.Equal(0, register.KeyId);
        Assert.Equal(20, register.AuthenticationData.Count);
        Assert.Equal(42UL, register.SiteId);
        Assert.Equal("10.1.0.0/24", Assert.Single(register.Records).Prefix);
        Assert.Equal(Sha1Vector, register.ToArray());
    }

    [Fact]
    public void Verify_Sha1Vector_ValidWithRightKeyMismatchWithWrongKey()
    {
        using var right = AuthenticationKey.FromPassword("site1-key", AuthAlgorithm.HmacSha1_96);
        using var wrong = AuthenticationKey.FromPassword("site2-key", AuthAlgorithm.HmacSha1_96);
        Assert.Equal(AuthResult.Valid, right.Verify(Sha1Vector));
        Assert.Equal(AuthResult.Mismatch, wrong.Verify(Sha1Vector));
    }

    [Fact]
    public void Verify_AnyFlippedBit_Mismatch()
    {
        using var key = AuthenticationKey.FromPassword("site1-key", AuthAlgorithm.HmacSha1_96);
        for (var bit = 0; bit < Sha1Vector.Length * 8; bit++)
        {
            var bytes = (byte[])Sha1Vector.Clone();
            bytes[bit / 8] ^= (byte)(0x80 >> (bit % 8));
            Assert.NotEqual(AuthResult.Valid, key.Verify(bytes));
        }
    }

    [Theory]
    [InlineData(AuthAlgorithm.HmacSha1_96)]
    [InlineData(AuthAlgorithm.HmacSha256_128)]
    public void Verify_TruncatedDigest_OnlyWhenAllowed(AuthAlgorithm algorithm)
    {
        using var key = AuthenticationKey.FromPassword("k", algorithm, keyId: 3);
        var full = Model().ToSignedArray(key);
        var parsed = Assert.IsType<MapRegister>(MessageCoding.Decode(full));
        var truncated = parsed with { AuthenticationData = new byte[key.TruncatedLength] };
        var bytes = truncated.ToArray();
        Span<byte> digest = stackalloc byte[32];
        key.Compute(bytes, AuthenticatedMessage.AuthDataOffset, key.TruncatedLength, digest);
        digest[..key.TruncatedLength].CopyTo(bytes.AsSpan(AuthenticatedMessage.AuthDataOffset));
        Assert.Equal(AuthResult.BadLength, key.Verify(bytes));
        Assert.Equal(AuthResult.Valid, key.Verify(bytes, acceptTruncated: true));
    }

    [Fact]
    public void Verify_KeyIdAndAlgorithmChecks_DistinctResults()
    {
        using var key = AuthenticationKey.FromPassword("k", AuthAlgorithm.HmacSha256_128, keyId: 1);
        using var otherId = AuthenticationKey.FromPassword("k", AuthAlgorithm.HmacSha256_128, keyId: 2);
        using var sha1 = AuthenticationKey.FromPassword("k", AuthAlgorithm.HmacSha1_96, keyId: 1);
        var bytes = Model().ToSignedArray(key);
        Assert.Equal(AuthResult.Valid, key.Verify(bytes));
        Assert.Equal(AuthResult.UnknownKeyId, otherId.Verify(bytes));
        Assert.Equal(AuthResult.AlgorithmMismatch, sha1.Verify(bytes));
        Assert.Equal(AuthResult.NotAuthenticated, key.Verify(Model().ToArray()));
        Assert.Equal(AuthResult.Malformed, key.Verify(bytes.AsSpan(0, 10)));
    }

    [Fact]
    public void Verify_AuthLengthPastEnd_MalformedNotThrown()
    {
        using var key = AuthenticationKey.FromPassword("k", AuthAlgorithm.HmacSha1_96);
        var bytes = (byte[])Sha1Vector.Clone();
        bytes[14] = 0x89;
        bytes[15] = 0x2d; // 35117, as in tcpdump's lisp_invalid.pcap
        Assert.Equal(AuthResult.Malformed, key.Verify(bytes));
        var error = MessageCoding.DecodeError(bytes);
        Assert.Equal(WireErrorCode.BadLength, error.Code);
        Assert.Equal(14, error.Offset);
    }

    [Fact]
    public void Parse_RecordsNotEndingBeforeTrailer_BadLength()
    {
        var bytes = (byte[])Sha1Vector.Clone();
        bytes[40] = 0; // 0 locators: the record now ends 12 bytes before the xTR-ID
        Assert.Equal(WireErrorCode.BadLength, MessageCoding.DecodeError(bytes).Code);
    }

    [Fact]
    public void Parse_IBitWithoutTrailer_TruncatedAtEndOfRecords()
    {
        var bytes = Sha1Vector[..64]; // the records end at 64; the xTR-ID and site-ID are missing
        var error = MessageCoding.DecodeError(bytes);
        Assert.Equal(WireErrorCode.Truncated, error.Code);
        Assert.Equal(64, error.Offset);
        Assert.Contains("xTR-ID", error.Reason, StringComparison.Ordinal);
        Assert.False(MapRegisterView.TryParse(bytes, out _, out var viewError));
        Assert.Equal(error, viewError);
    }

    [Theory]
    [InlineData(MapRegister.EidNotifyFlag)]
    [InlineData(MapRegister.UseTtlFlag)]
    [InlineData(MapRegister.MergeFlag)]
    [InlineData(MapRegister.SecurityCapableFlag)]
    public void Parse_Rfc9301Flags_RoundTrip(uint flag)
    {
        var bytes = (byte[])Sha1Vector.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x3200_0001u | flag);
        var register = Assert.IsType<MapRegister>(MessageCoding.Decode(bytes));
        Assert.Equal(flag == MapRegister.EidNotifyFlag, register.EidNotify);
        Assert.Equal(flag == MapRegister.UseTtlFlag, register.UseTtl);
        Assert.Equal(flag == MapRegister.MergeFlag, register.Merge);
        Assert.Equal(flag == MapRegister.SecurityCapableFlag, register.SecurityCapable);
        Assert.Equal(bytes, register.ToArray());
    }

    [Fact]
    public void Truncation_Vector_EveryPrefixFails() => Truncation.AssertEveryPrefixFails(Sha1Vector, MessageCoding.ParseMessage);
}
