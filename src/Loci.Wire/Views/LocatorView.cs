namespace Loci.Wire;

/// <summary>Zero-copy view of a locator record (RFC 9301 §5.4); layout in <see cref="LocatorRecord"/>.</summary>
public readonly ref struct LocatorView
{
    internal LocatorView(uint word, ushort flags, AddressView rloc)
    {
        Priority = (byte)(word >> 24);
        Weight = (byte)(word >> 16);
        MulticastPriority = (byte)(word >> 8);
        MulticastWeight = (byte)word;
        Flags = flags;
        Rloc = rloc;
    }

    public byte Priority { get; }

    public byte Weight { get; }

    public byte MulticastPriority { get; }

    public byte MulticastWeight { get; }

    public ushort Flags { get; }

    public bool Local => (Flags & LocatorRecord.LocalFlag) != 0;

    public bool Probed => (Flags & LocatorRecord.ProbedFlag) != 0;

    public bool Reachable => (Flags & LocatorRecord.ReachableFlag) != 0;

    public AddressView Rloc { get; }

    internal static bool TryRead(scoped ref SpanReader reader, out LocatorView view)
    {
        view = default;
        if (!reader.TryReadUInt32(out var word, "locator priority/weight")
            || !reader.TryReadUInt16(out var flags, "locator flags")
            || !AddressView.TryRead(ref reader, out var rloc))
        {
            return false;
        }

        view = new LocatorView(word, flags, rloc);
        return true;
    }
}
