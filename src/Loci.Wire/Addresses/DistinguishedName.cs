using System.Text;

namespace Loci.Wire;

/// <summary>
/// AFI 17: a name sent as its bytes followed by one NUL (RFC 8060 §4.5 via AFI 17). Bytes map to
/// chars one to one (Latin-1) so any name received is written back byte for byte.
/// </summary>
public sealed record DistinguishedName : LispAddress
{
    public DistinguishedName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var c in name)
        {
            if (c is '\0' or > '\u00FF')
            {
                throw new ArgumentException("A distinguished name holds bytes 1-255 only.", nameof(name));
            }
        }

        Name = name;
    }

    public string Name { get; }

    public override Afi Afi => Afi.DistinguishedName;

    public override int BodyLength => Name.Length + 1;

    internal override void WriteBody(ref SpanWriter writer)
    {
        Span<byte> bytes = Name.Length <= 256 ? stackalloc byte[Name.Length] : new byte[Name.Length];
        Encoding.Latin1.GetBytes(Name, bytes);
        writer.WriteBytes(bytes);
        writer.WriteUInt8(0);
    }

    public override string Format() => "'" + Name + "'";
}
