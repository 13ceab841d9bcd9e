namespace Loci.Wire;

/// <summary>One request record of a <see cref="MapRequestView"/>.</summary>
public readonly ref struct MapRequestRecordView
{
    internal MapRequestRecordView(bool notify, byte maskLength, AddressView eid)
    {
        Notify = notify;
        MaskLength = maskLength;
        Eid = eid;
    }

    public bool Notify { get; }

    public byte MaskLength { get; }

    public AddressView Eid { get; }
}
