using System.Net;

namespace Loci.Wire.Tests.Support;

/// <summary>
/// Seeded generators of valid models for round-trip property tests. Partial: addresses here and
/// in RandomModels.Lcaf.cs, records and messages in RandomModels.Messages.cs.
/// </summary>
public sealed partial class RandomModels(int seed)
{
    private readonly Random _random = new(seed);

    public Random Random => _random;

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int min, int maxExclusive) => _random.Next(min, maxExclusive);

    public bool Bool() => _random.Next(2) == 1;

    public byte Byte() => (byte)_random.Next(256);

    public ushort UInt16() => (ushort)_random.Next(65536);

    public uint UInt32() => (uint)_random.NextInt64(0, 1L << 32);

    public ulong UInt64() => (ulong)_random.NextInt64() ^ ((ulong)_random.Next() << 33);

    public UInt128 UInt128() => new(UInt64(), UInt64());

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    public InetAddress IPv4() => new(new IPAddress(Bytes(4)));

    public InetAddress IPv6() => new(new IPAddress(Bytes(16)));

    public InetAddress Ip() => Bool() ? IPv4() : IPv6();

    public MacAddress Mac() => new(UInt64() & 0xFFFF_FFFF_FFFFUL, Bool() ? Afi.Mac : Afi.Ieee802);

    public DistinguishedName Name()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-.";
        var chars = new char[Next(1, 24)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[Next(alphabet.Length)];
        }

        return new DistinguishedName(new string(chars));
    }

    /// <summary>A plain (non-LCAF) address of any kind.</summary>
    public LispAddress SimpleAddress() => Next(5) switch
    {
        0 => LispAddress.None,
        1 => IPv4(),
        2 => IPv6(),
        3 => Mac(),
        _ => Name(),
    };

    /// <summary>Any address, LCAFs included, nested at most <paramref name="depth"/> deep.</summary>
    public LispAddress Address(int depth = 2) => depth <= 0 || Next(3) != 0 ? SimpleAddress() : Lcaf(depth - 1);

    /// <summary>An address usable as an EID: IPv4, IPv6 or MAC, sometimes inside an Instance-ID LCAF.</summary>
    public LispAddress Eid()
    {
        LispAddress inner = Next(5) switch
        {
            0 => Mac(),
            1 or 2 => IPv6(),
            _ => IPv4(),
        };
        return Bool() ? new InstanceIdAddress(UInt32() & 0xFFFFFF, inner) : inner;
    }
}
