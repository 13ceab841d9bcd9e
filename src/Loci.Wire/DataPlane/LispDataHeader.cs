using System.Buffers.Binary;

namespace Loci.Wire;

/// <summary>
/// The 8-byte LISP data-plane header after the outer UDP header (port 4341), RFC 9300 §5.3:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |N|L|E|V|I|R|K|K|            Nonce/Map-Version                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 Instance ID/Locator-Status-Bits               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// N: nonce present; L: locator-status-bits valid; E: echo-nonce request; V: map-versions present
/// (never with N); I: instance ID in the top 24 bits of the second word, leaving 8 LSBs; K: LISP-crypto
/// key ID (RFC 8061). R is reserved.
/// </summary>
public readonly record struct LispDataHeader
{
    public const int Length = 8;
    public const uint NonceFlag = 0x8000_0000;
    public const uint LsbFlag = 0x4000_0000;
    public const uint EchoNonceFlag = 0x2000_0000;
    public const uint MapVersionFlag = 0x1000_0000;
    public const uint InstanceIdFlag = 0x0800_0000;
    public const uint ReservedFlag = 0x0400_0000;
    public const uint KeyIdMask = 0x0300_0000;
    public const uint LowMask = 0x00FF_FFFF;

    /// <summary>N: <see cref="Nonce"/> is valid.</summary>
    public bool NoncePresent { get; init; }

    /// <summary>L: <see cref="LocatorStatusBits"/> are valid.</summary>
    public bool LocatorStatusBitsValid { get; init; }

    /// <summary>E: the sender asks the receiver to echo the nonce (RFC 9300 §10.1).</summary>
    public bool EchoNonceRequest { get; init; }

    /// <summary>V: <see cref="SourceMapVersion"/> and <see cref="DestinationMapVersion"/> are valid (RFC 9302).</summary>
    public bool MapVersionPresent { get; init; }

    /// <summary>I: <see cref="InstanceId"/> is valid and only 8 locator-status bits remain.</summary>
    public bool InstanceIdPresent { get; init; }

    /// <summary>The reserved R bit as received.</summary>
    public bool Reserved { get; init; }

    /// <summary>KK: LISP-crypto key ID, 0 when the payload is not encrypted (RFC 8061).</summary>
    public byte KeyId { get; init; }

    /// <summary>24-bit nonce (when N).</summary>
    public uint Nonce { get; init; }

    /// <summary>12-bit source map-version (when V).</summary>
    public ushort SourceMapVersion { get; init; }

    /// <summary>12-bit destination map-version (when V).</summary>
    public ushort DestinationMapVersion { get; init; }

    /// <summary>24-bit instance ID (when I).</summary>
    public uint InstanceId { get; init; }

    /// <summary>Locator-status-bits: 32 bits, or the low 8 when I is set.</summary>
    public uint LocatorStatusBits { get; init; }

    /// <summary>The low 24 bits of the first word when neither N nor V is set (should be zero).</summary>
    public uint UnusedLowBits { get; init; }

    public void WriteTo(Span<byte> destination)
    {
        if (NoncePresent && MapVersionPresent)
        {
            throw new InvalidOperationException("N and V are never set together (RFC 9300 §5.3).");
        }

        var low = NoncePresent ? Nonce & LowMask
            : MapVersionPresent ? ((uint)(SourceMapVersion & 0xFFF) << 12) | (uint)(DestinationMapVersion & 0xFFF)
            : UnusedLowBits & LowMask;
        var first = (NoncePresent ? NonceFlag : 0) | (LocatorStatusBitsValid ? LsbFlag : 0) | (EchoNonceRequest ? EchoNonceFlag : 0)
            | (MapVersionPresent ? MapVersionFlag : 0) | (InstanceIdPresent ? InstanceIdFlag : 0) | (Reserved ? ReservedFlag : 0)
            | ((uint)(KeyId & 3) << 24) | low;
        var second = InstanceIdPresent ? ((InstanceId & LowMask) << 8) | (LocatorStatusBits & 0xFF) : LocatorStatusBits;
        BinaryPrimitives.WriteUInt32BigEndian(destination, first);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], second);
    }

    /// <summary>
    /// Reads the header. Fails (never throws) on fewer than 8 bytes or on N and V both set, which
    /// RFC 9300 §5.3 rules out. E without N is tolerated and reported by <see cref="EchoWithoutNonce"/>.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out LispDataHeader header, out WireError error)
    {
        header = default;
        error = default;
        if (source.Length < Length)
        {
            error = new WireError(WireErrorCode.Truncated, source.Length, "LISP data header");
            return false;
        }

        var first = BinaryPrimitives.ReadUInt32BigEndian(source);
        var second = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        var n = (first & NonceFlag) != 0;
        var v = (first & MapVersionFlag) != 0;
        if (n && v)
        {
            error = new WireError(WireErrorCode.BadValue, 0, "N and V bits both set");
            return false;
        }

        var i = (first & InstanceIdFlag) != 0;
        var low = first & LowMask;
        header = new LispDataHeader
        {
            NoncePresent = n,
            LocatorStatusBitsValid = (first & LsbFlag) != 0,
            EchoNonceRequest = (first & EchoNonceFlag) != 0,
            MapVersionPresent = v,
            InstanceIdPresent = i,
            Reserved = (first & ReservedFlag) != 0,
            KeyId = (byte)((first & KeyIdMask) >> 24),
            Nonce = n ? low : 0,
            SourceMapVersion = v ? (ushort)(low >> 12) : (ushort)0,
            DestinationMapVersion = v ? (ushort)(low & 0xFFF) : (ushort)0,
            UnusedLowBits = n || v ? 0 : low,
            InstanceId = i ? second >> 8 : 0,
            LocatorStatusBits = i ? second & 0xFF : second,
        };
        return true;
    }

    /// <summary>E set without N: invalid per RFC 9300 §5.3, reported rather than rejected.</summary>
    public bool EchoWithoutNonce => EchoNonceRequest && !NoncePresent;
}
