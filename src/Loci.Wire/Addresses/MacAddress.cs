using System.Globalization;

namespace Loci.Wire;

/// <summary>
/// A 48-bit MAC address: AFI 16389 (RFC 8060) or AFI 6 as lispers.net sends it (PROTOCOL.md
/// pitfall 13). The AFI it arrived with is kept so that it is written back unchanged.
/// </summary>
public sealed record MacAddress : LispAddress
{
    public MacAddress(ulong value, Afi afi = Afi.Mac)
    {
        if (value > 0xFFFF_FFFF_FFFFUL)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A MAC address has 48 bits.");
        }

        if (afi is not (Afi.Mac or Afi.Ieee802))
        {
            throw new ArgumentOutOfRangeException(nameof(afi), "A MAC address uses AFI 16389 or 6.");
        }

        Value = value;
        Afi = afi;
    }

    public ulong Value { get; }

    public override Afi Afi { get; }

    public override int BodyLength => 6;

    public override int AddressBits => 48;

    internal override void WriteBody(ref SpanWriter writer)
    {
        writer.WriteUInt16((ushort)(Value >> 32));
        writer.WriteUInt32((uint)Value);
    }

    public override string Format() => string.Create(17, Value, static (span, v) =>
    {
        for (var i = 0; i < 6; i++)
        {
            var b = (byte)(v >> (40 - (8 * i)));
            b.TryFormat(span[(i * 3)..], out _, "x2", CultureInfo.InvariantCulture);
            if (i < 5)
            {
                span[(i * 3) + 2] = ':';
            }
        }
    });
}
