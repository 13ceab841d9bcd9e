namespace Loci.Wire;

/// <summary>AFI 0: no address (e.g. the Source-EID of an RLOC probe, RFC 9301 §5.2).</summary>
public sealed record NoAddress : LispAddress
{
    private NoAddress()
    {
    }

    public static NoAddress Instance { get; } = new();

    public override Afi Afi => Afi.None;

    public override int BodyLength => 0;

    internal override void WriteBody(ref SpanWriter writer)
    {
    }

    public override string Format() => "none";
}
