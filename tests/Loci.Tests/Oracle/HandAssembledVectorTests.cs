using System.Security.Cryptography;
using System.Text;
using Loci.Wire;
using Loci.Wire.Tests.Support;

namespace Loci.Tests.Oracle;

/// <summary>
/// The second means for what tshark 4.0 does not decode (message types 5 and 15, LCAF types 4, 6,
/// 11, 14, 16): bytes assembled by hand from PROTOCOL.md with offset comments, and for the
/// Map-Notify-Ack an HMAC computed independently with <see cref="HMACSHA256"/>, compared with what
/// Loci.Wire writes and parsed back.
/// </summary>
public sealed class HandAssembledVectorTests
{
    [Fact]
    public void MapNotifyAck_SignedSha256_EqualsHandAssembledBytesWithIndependentHmac()
    {
        var ack = new MapNotifyAck(0x0102_0304_0506_0708, new[]
        {
            new EidRecord(OracleSamples.Ip("10.30.1.0"), 24, 1440, new[] { OracleSamples.Loc("20.20.8.253") }, authoritative: true),
        });
        var expected = Hex.Parse("""
            50 00 00 01                 // 0: type 5, reserved, record count 1
            01 02 03 04 05 06 07 08     // 4: nonce
            00 02 00 20                 // 12: key ID 0, algorithm 2 (HMAC-SHA-256), auth length 32
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   // 16: authentication data, zero for hashing
            00 00 05 a0                 // 48: record TTL 1440
            01 18 10 00                 // 52: 1 locator, mask-len 24, ACT 0, A
            00 00 00 01                 // 56: map-version 0, EID AFI 1
            0a 1e 01 00                 // 60: 10.30.1.0
            01 64 ff 00                 // 64: priority 1, weight 100, m-priority 255, m-weight 0
            00 01 00 01                 // 68: flags R, locator AFI 1
            14 14 08 fd                 // 72: 20.20.8.253
            """);
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(OracleSamples.Sha256Password), expected).CopyTo(expected.AsSpan(16));

        using var key = AuthenticationKey.FromPassword(OracleSamples.Sha256Password);
        var written = ack.ToSignedArray(key);

        Assert.Equal(Hex.Format(expected), Hex.Format(written));
        Assert.Equal(AuthResult.Valid, key.Verify(written));
        var parsed = Assert.IsType<MapNotifyAck>(LispMessage.Parse(written));
        Assert.Equal(ack.Records, parsed.Records);
        Assert.Equal(ack.Nonce, parsed.Nonce);
    }

    [Fact]
    public void SharedExtension_SubTypeAndBody_EqualsHandAssembledBytes()
    {
        var message = new SharedExtensionMessage(0x123, new byte[] { 0xAB, 0xCD, 0x01, 0x02, 0x03, 0x04 });
        var expected = Hex.Parse("""
            f1 23                       // 0: type 15, sub-type 0x123 (12 bits)
            ab cd                       // 2: extension-specific, rest of the first word
            01 02 03 04                 // 4: extension-specific
            """);

        Assert.Equal(Hex.Format(expected), Hex.Format(message.ToArray()));
        Assert.Equal(message, LispMessage.Parse(expected));
    }

    public static TheoryData<string, string> UndecodedLcafs() => new()
    {
        {
            "application-data", """
            40 03 00 00 04 00 00 12     // AFI 16387, rsvd1, flags, type 4, rsvd2, length 18
            00 00 b8 11                 // TOS 0xb8, protocol 17
            10 f5 10 f6                 // local ports 4341-4342
            04 00 ff ff                 // remote ports 1024-65535
            00 01 c0 00 02 32           // AFI 1, 192.0.2.50
            """
        },
        {
            "security-key", """
            40 03 00 00 0b 00 00 14     // type 11, length 20
            01 00 02 00                 // key count 1, rsvd3, key algorithm 2, rsvd4 / R 0
            00 08 01 02 03 04 05 06 07 08   // key length 8, key material
            00 01 c0 00 02 34           // AFI 1, 192.0.2.52
            """
        },
        {
            "json", """
            40 03 00 00 0e 00 00 12     // type 14, B 0, length 18
            00 0a 7b 22 72 74 74 22 3a 31 32 7d   // JSON length 10, {"rtt":12}
            00 01 c0 00 02 36           // AFI 1, 192.0.2.54
            """
        },
        {
            "encapsulation-format", """
            40 03 00 00 10 00 00 0a     // type 16, length 10
            00 00 00 05                 // VXLAN | LISP
            00 01 c0 00 02 38           // AFI 1, 192.0.2.56
            """
        },
        {
            "opaque-key", """
            40 03 00 00 06 00 00 05     // type 6 (not modelled: kept opaque), length 5
            01 00 03 aa bb              // key field num 1, wildcard fields 3, key bytes
            """
        },
    };

    [Theory]
    [MemberData(nameof(UndecodedLcafs))]
    public void Lcaf_TypeTsharkDoesNotDecode_EqualsHandAssembledBytes(string name, string annotated)
    {
        var expected = Hex.Parse(annotated);
        LispAddress model = name switch
        {
            "application-data" => new ApplicationDataAddress(0xB8, 17, 4341, 4342, 1024, 65_535, OracleSamples.Ip("192.0.2.50")),
            "security-key" => new SecurityKeyAddress(2, false, new EquatableArray<byte>[] { new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 } }, OracleSamples.Ip("192.0.2.52")),
            "json" => new JsonDataModelAddress("{\"rtt\":12}", OracleSamples.Ip("192.0.2.54")),
            "encapsulation-format" => new EncapsulationFormatAddress(EncapsulationFormatAddress.Lisp | EncapsulationFormatAddress.Vxlan, OracleSamples.Ip("192.0.2.56")),
            _ => new UnknownLcafAddress(6, [0x01, 0x00, 0x03, 0xAA, 0xBB]),
        };

        var written = new byte[model.EncodedLength];
        var writer = new SpanWriter(written);
        model.WriteTo(ref writer);

        Assert.Equal(Hex.Format(expected), Hex.Format(written));
        var reader = new SpanReader(expected);
        Assert.True(LispAddress.TryRead(ref reader, out var parsed));
        Assert.Equal(model, parsed);
    }
}
