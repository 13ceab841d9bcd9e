using System.Net;

namespace Loci.Wire;

/// <summary>
/// An address as LISP control messages carry it: a 16-bit AFI followed by a body whose length the
/// AFI determines (RFC 9301 §5, PROTOCOL.md §1.5). Subclasses: <see cref="NoAddress"/>,
/// <see cref="InetAddress"/>, <see cref="MacAddress"/>, <see cref="DistinguishedName"/> and the
/// LCAF family (<see cref="LcafAddress"/>). Immutable, with value equality.
/// </summary>
public abstract record LispAddress
{
    /// <summary>LCAFs nest; deeper than this is refused (hostile input, PROTOCOL.md §5.1).</summary>
    public const int MaxNestingDepth = 8;

    private protected LispAddress()
    {
    }

    public abstract Afi Afi { get; }

    /// <summary>Bytes after the 2-byte AFI.</summary>
    public abstract int BodyLength { get; }

    /// <summary>Bytes on the wire, AFI included.</summary>
    public int EncodedLength => 2 + BodyLength;

    /// <summary>Address width in bits for prefix purposes (32 for IPv4, 128 for IPv6, 48 for MAC, 0 otherwise).</summary>
    public virtual int AddressBits => 0;

    public static LispAddress None => NoAddress.Instance;

    public void WriteTo(ref SpanWriter writer)
    {
        writer.WriteUInt16((ushort)Afi);
        WriteBody(ref writer);
    }

    internal abstract void WriteBody(ref SpanWriter writer);

    /// <summary>Reads one AFI-prefixed address. Never throws; on failure the reader holds the error.</summary>
    public static bool TryRead(ref SpanReader reader, out LispAddress address) =>
        AddressCodec.TryRead(ref reader, 0, out address);

    public static InetAddress From(IPAddress address) => new(address);

    /// <summary>
    /// Parses the text form used by the CLI and the decoder: "10.1.0.1", "2001:db8::1",
    /// "00:11:22:33:44:55", "[1000]10.1.0.1" (instance ID), "'name'" (distinguished name), "none".
    /// </summary>
    public static bool TryParseText(string text, out LispAddress address) => AddressText.TryParse(text, out address);

    public static LispAddress ParseText(string text) =>
        TryParseText(text, out var address) ? address : throw new FormatException($"Not a LISP address: '{text}'.");

    public sealed override string ToString() => Format();

    /// <summary>The lig-style text form (see <see cref="TryParseText"/>).</summary>
    public abstract string Format();
}
