namespace Loci.Wire;

/// <summary>
/// LCAF type 16, Encapsulation Format (RFC 8060 §5.6, "Multiple Data-Planes"): which data-plane
/// encapsulations the RLOC that follows accepts. RFC 8060 defines a 32-bit word, 25 reserved bits
/// then U|G|N|v|V|l|L from the high end down, followed by AFI and address:
/// <code>
/// |     Type = 16 |     Rsvd2     |             4 + n             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Reserved-for-Future-Encapsulations       |U|G|N|v|V|l|L|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              AFI = x          |          Address ...          |
/// </code>
/// lispers.net sends the flag word alone and pairs it with the RLOC through an AFI List
/// (PROTOCOL.md §5.3, §5.18); that form has no AFI at all and is modelled by a null
/// <see cref="Address"/>. The whole word is kept, so reserved bits round-trip.
/// </summary>
public sealed record EncapsulationFormatAddress(uint Flags, LispAddress? Address = null) : LcafAddress
{
    /// <summary>L: LISP (RFC 9300).</summary>
    public const uint Lisp = 0x01;

    /// <summary>l: LISP-GPE (RFC 9305).</summary>
    public const uint LispGpe = 0x02;

    /// <summary>V: VXLAN.</summary>
    public const uint Vxlan = 0x04;

    /// <summary>v: VXLAN-GPE.</summary>
    public const uint VxlanGpe = 0x08;

    /// <summary>N: NV-GRE.</summary>
    public const uint NvGre = 0x10;

    /// <summary>G: GENEVE.</summary>
    public const uint Geneve = 0x20;

    /// <summary>U: GUE.</summary>
    public const uint Gue = 0x40;

    public bool AcceptsLisp => (Flags & Lisp) != 0;

    public bool AcceptsLispGpe => (Flags & LispGpe) != 0;

    public bool AcceptsVxlan => (Flags & Vxlan) != 0;

    public bool AcceptsVxlanGpe => (Flags & VxlanGpe) != 0;

    public bool AcceptsNvGre => (Flags & NvGre) != 0;

    public bool AcceptsGeneve => (Flags & Geneve) != 0;

    public bool AcceptsGue => (Flags & Gue) != 0;

    public override LcafType LcafType => LcafType.EncapsulationFormat;

    public override int PayloadLength => 4 + (Address?.EncodedLength ?? 0);

    internal override void WritePayload(ref SpanWriter writer)
    {
        writer.WriteUInt32(Flags);
        Address?.WriteTo(ref writer);
    }

    internal static bool TryReadPayload(ref SpanReader payload, int depth, out LispAddress address)
    {
        address = NoAddress.Instance;
        if (!payload.TryReadUInt32(out var flags, "encapsulation format flags"))
        {
            return false;
        }

        LispAddress? inner = null;
        if (!payload.IsAtEnd && !AddressCodec.TryRead(ref payload, depth, out inner))
        {
            return false;
        }

        address = new EncapsulationFormatAddress(flags, inner);
        return true;
    }

    public override string Format()
    {
        var names = new List<string>(8);
        AddIf(names, Lisp, "lisp");
        AddIf(names, LispGpe, "lisp-gpe");
        AddIf(names, Vxlan, "vxlan");
        AddIf(names, VxlanGpe, "vxlan-gpe");
        AddIf(names, NvGre, "nv-gre");
        AddIf(names, Geneve, "geneve");
        AddIf(names, Gue, "gue");
        var reserved = Flags & ~0x7Fu;
        if (reserved != 0)
        {
            names.Add($"0x{reserved:x8}");
        }

        if (Address is not null)
        {
            names.Add(Address.Format());
        }

        return $"encap({string.Join(", ", names)})";
    }

    private void AddIf(List<string> names, uint flag, string name)
    {
        if ((Flags & flag) != 0)
        {
            names.Add(name);
        }
    }
}
