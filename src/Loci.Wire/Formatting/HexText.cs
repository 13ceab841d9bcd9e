using System.Buffers.Binary;
using System.Globalization;

namespace Loci.Wire.Formatting;

/// <summary>Fixed-width lowercase hex for nonces, IDs and opaque bytes (the JSON contract fixes the widths).</summary>
public static class HexText
{
    /// <summary>A 64-bit nonce or site-ID as 16 hex digits.</summary>
    public static string Hex64(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>A 128-bit xTR-ID as 32 hex digits.</summary>
    public static string Hex128(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return Convert.ToHexStringLower(bytes);
    }

    public static string Bytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
