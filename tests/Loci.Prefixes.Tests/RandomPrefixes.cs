namespace Loci.Prefixes.Tests;

/// <summary>Seeded generators of nested, overlapping prefixes and of queries near them.</summary>
internal sealed class RandomPrefixes(int seed, EidFamily family, uint[] instanceIds)
{
    private readonly Random _random = new(seed);
    private readonly int _width = family.BitWidth();
    private readonly List<UInt128> _bases = [];

    /// <summary>A prefix near one of a few base addresses, so prefixes nest and share paths.</summary>
    public EidPrefix NextPrefix()
    {
        var iid = instanceIds[_random.Next(instanceIds.Length)];
        var address = NearBase();
        var length = _random.Next(6) switch
        {
            0 => _random.Next(_width + 1),
            1 => _random.Next(Math.Min(8, _width) + 1),
            _ => Math.Clamp(_width - _random.Next(Math.Min(40, _width)), 0, _width),
        };
        return new EidPrefix(family, address, length, iid);
    }

    /// <summary>A host query: inside a known prefix (host bits filled at random) or anywhere.</summary>
    public EidPrefix NextQuery(IReadOnlyList<EidPrefix> known)
    {
        var iid = instanceIds[_random.Next(instanceIds.Length)];
        if (known.Count == 0 || _random.Next(3) == 0)
        {
            return EidPrefix.Host(family, _random.Next(2) == 0 ? NearBase() : RandomAddress(), iid);
        }

        var p = known[_random.Next(known.Count)];
        var hostBits = p.Length == _width ? UInt128.Zero : RandomAddress() & (UInt128.MaxValue >> (128 - (_width - p.Length)));
        return EidPrefix.Host(family, p.Address | hostBits, p.InstanceId);
    }

    /// <summary>A query prefix of random length (exercises prefix queries, not just hosts).</summary>
    public EidPrefix NextPrefixQuery(IReadOnlyList<EidPrefix> known)
    {
        var host = NextQuery(known);
        return host.WithLength(_random.Next(_width + 1));
    }

    public int Next(int max) => _random.Next(max);

    private UInt128 NearBase()
    {
        if (_bases.Count < 6)
        {
            _bases.Add(RandomAddress());
        }

        var b = _bases[_random.Next(_bases.Count)];
        var flip = _random.Next(_width);
        return _random.Next(4) == 0 ? b ^ (UInt128.One << flip) : b;
    }

    private UInt128 RandomAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var value = new UInt128(BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..]));
        return _width == 128 ? value : value & ((UInt128.One << _width) - 1);
    }
}
