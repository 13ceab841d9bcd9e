using System.Net;
using System.Net.Sockets;

namespace Loci.Prefixes;

/// <summary>
/// An EID prefix: instance ID (RFC 8060 §4.1, 32 bits here; the wire field is 24 bits),
/// address family, address and prefix length. Host bits beyond the length are always zero,
/// so two prefixes that cover the same block compare equal whatever bits they were built from.
/// </summary>
/// <remarks>
/// The address is kept left-aligned in a <see cref="UInt128"/> (first address bit in bit 127)
/// for every family, so the trie takes 8-bit strides from the top without a per-family shift.
/// <see cref="Address"/> gives the usual right-aligned numeric value (10.0.0.0 = 0x0A000000).
/// Text form: <c>10.1.0.0/16</c>, <c>[1000]2001:db8::/32</c> for instance ID 1000, MAC as
/// <c>00-11-22-33-44-55/48</c> (IEEE 802 canonical hyphen form, chosen because colons would
/// be ambiguous with IPv6). Without <c>/length</c> a text is a host prefix.
/// </remarks>
public readonly partial struct EidPrefix : IEquatable<EidPrefix>, IComparable<EidPrefix>
{
    private readonly UInt128 _key;
    private readonly uint _instanceId;
    private readonly byte _length;
    private readonly EidFamily _family;

    /// <summary>Creates a prefix from a right-aligned numeric address; host bits are masked.</summary>
    /// <param name="family">Address family.</param>
    /// <param name="address">Numeric address, e.g. 0x0A010000 for 10.1.0.0.</param>
    /// <param name="length">Prefix length, 0 to the family's width.</param>
    /// <param name="instanceId">Instance ID; 0 is the default instance.</param>
    public EidPrefix(EidFamily family, UInt128 address, int length, uint instanceId = 0)
    {
        var width = family.BitWidth();
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, width);
        if (width < 128 && address >> width != UInt128.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"Address does not fit in {width} bits.");
        }

        _key = MaskKey(address << (128 - width), length);
        _length = (byte)length;
        _family = family;
        _instanceId = instanceId;
    }

    private EidPrefix(UInt128 key, byte length, EidFamily family, uint instanceId)
    {
        _key = key;
        _length = length;
        _family = family;
        _instanceId = instanceId;
    }

    /// <summary>Instance ID (RFC 8060 §4.1); 0 is the default instance.</summary>
    public uint InstanceId => _instanceId;

    /// <summary>Address family.</summary>
    public EidFamily Family => _family;

    /// <summary>Prefix length in bits.</summary>
    public int Length => _length;

    /// <summary>Address width of the family: 32, 128 or 48.</summary>
    public int MaxLength => _family.BitWidth();

    /// <summary>True when the prefix names one address (length equals the family width).</summary>
    public bool IsHost => _length == MaxLength;

    /// <summary>Right-aligned numeric address (host bits zero).</summary>
    public UInt128 Address => _key >> (128 - MaxLength);

    /// <summary>Left-aligned address bits: the first address bit is bit 127.</summary>
    internal UInt128 Key => _key;

    /// <summary>A host prefix (full-length) for a numeric address.</summary>
    public static EidPrefix Host(EidFamily family, UInt128 address, uint instanceId = 0) =>
        new(family, address, family.BitWidth(), instanceId);

    /// <summary>A prefix from an <see cref="IPAddress"/>; allocation-free.</summary>
    /// <param name="address">IPv4 or IPv6 address (IPv4-mapped IPv6 stays IPv6).</param>
    /// <param name="length">Prefix length; null for a host prefix.</param>
    /// <param name="instanceId">Instance ID.</param>
    public static EidPrefix FromIPAddress(IPAddress address, int? length = null, uint instanceId = 0)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException("Address could not be written.", nameof(address));
        }

        var family = address.AddressFamily switch
        {
            AddressFamily.InterNetwork => EidFamily.IPv4,
            AddressFamily.InterNetworkV6 => EidFamily.IPv6,
            _ => throw new ArgumentException($"Unsupported address family {address.AddressFamily}.", nameof(address)),
        };
        return FromBytes(family, bytes[..written], length ?? written * 8, instanceId);
    }

    /// <summary>A prefix from network-order address bytes (4, 16 or 6 bytes for the family).</summary>
    public static EidPrefix FromBytes(EidFamily family, ReadOnlySpan<byte> address, int length, uint instanceId = 0)
    {
        var width = family.BitWidth();
        if (address.Length * 8 != width)
        {
            throw new ArgumentException($"{family} needs {width / 8} address bytes, got {address.Length}.", nameof(address));
        }

        UInt128 value = UInt128.Zero;
        foreach (var b in address)
        {
            value = (value << 8) | b;
        }

        return new EidPrefix(family, value, length, instanceId);
    }

    /// <summary>Writes the address in network byte order; returns the number of bytes written.</summary>
    public int WriteAddressBytes(Span<byte> destination)
    {
        var count = MaxLength / 8;
        if (destination.Length < count)
        {
            throw new ArgumentException($"Need {count} bytes.", nameof(destination));
        }

        for (var i = 0; i < count; i++)
        {
            destination[i] = (byte)(_key >> (120 - (8 * i)));
        }

        return count;
    }

    /// <summary>The address as an <see cref="IPAddress"/>.</summary>
    /// <exception cref="InvalidOperationException">The family is MAC.</exception>
    public IPAddress ToIPAddress()
    {
        if (_family is not (EidFamily.IPv4 or EidFamily.IPv6))
        {
            throw new InvalidOperationException($"A {_family} prefix has no IPAddress form.");
        }

        Span<byte> bytes = stackalloc byte[16];
        var n = WriteAddressBytes(bytes);
        return new IPAddress(bytes[..n]);
    }

    /// <summary>The same address cut (masked) to a new length.</summary>
    public EidPrefix WithLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        return new EidPrefix(MaskKey(_key, length), (byte)length, _family, _instanceId);
    }

    /// <summary>True when <paramref name="other"/> lies inside this prefix (or equals it).</summary>
    public bool Contains(EidPrefix other) =>
        other._family == _family && other._instanceId == _instanceId && other._length >= _length
        && MaskKey(other._key, _length) == _key;

    /// <summary>True when the two prefixes share at least one address.</summary>
    public bool Overlaps(EidPrefix other) => Contains(other) || other.Contains(this);

    /// <inheritdoc />
    public bool Equals(EidPrefix other) =>
        _key == other._key && _length == other._length && _family == other._family && _instanceId == other._instanceId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EidPrefix other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_key, _length, _family, _instanceId);

    /// <summary>Orders by instance ID, family, address, then length (shorter first).</summary>
    public int CompareTo(EidPrefix other)
    {
        var c = _instanceId.CompareTo(other._instanceId);
        if (c == 0)
        {
            c = _family.CompareTo(other._family);
        }

        if (c == 0)
        {
            c = _key.CompareTo(other._key);
        }

        return c != 0 ? c : _length.CompareTo(other._length);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(EidPrefix left, EidPrefix right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(EidPrefix left, EidPrefix right) => !left.Equals(right);

    /// <summary>Ordering, see <see cref="CompareTo"/>.</summary>
    public static bool operator <(EidPrefix left, EidPrefix right) => left.CompareTo(right) < 0;

    /// <summary>Ordering, see <see cref="CompareTo"/>.</summary>
    public static bool operator <=(EidPrefix left, EidPrefix right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering, see <see cref="CompareTo"/>.</summary>
    public static bool operator >(EidPrefix left, EidPrefix right) => left.CompareTo(right) > 0;

    /// <summary>Ordering, see <see cref="CompareTo"/>.</summary>
    public static bool operator >=(EidPrefix left, EidPrefix right) => left.CompareTo(right) >= 0;

    /// <summary>Builds a prefix from trie-internal parts that are already masked.</summary>
    internal static EidPrefix FromKey(EidFamily family, UInt128 key, int length, uint instanceId) =>
        new(key, (byte)length, family, instanceId);

    /// <summary>Zeroes every bit after the first <paramref name="length"/> of a left-aligned key.</summary>
    internal static UInt128 MaskKey(UInt128 key, int length) =>
        length == 0 ? UInt128.Zero : key & (UInt128.MaxValue << (128 - length));
}
