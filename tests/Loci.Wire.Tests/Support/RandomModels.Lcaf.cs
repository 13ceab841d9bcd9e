using System.Collections.Immutable;
using System.Text;

namespace Loci.Wire.Tests.Support;

public sealed partial class RandomModels
{
    /// <summary>A random LCAF of any implemented type; nested addresses come from <see cref="Address"/>.</summary>
    public LcafAddress Lcaf(int depth) => Next(16) switch
    {
        0 => AfiListLcaf(depth),
        1 => new InstanceIdAddress(UInt32(), Address(depth), 0),
        2 => AsNumberLcaf(depth),
        3 => ApplicationDataLcaf(depth),
        4 => GeoCoordinatesLcaf(depth),
        5 => NatTraversalLcaf(depth),
        6 => NonceLocatorLcaf(depth),
        7 => MulticastInfoLcaf(depth),
        8 => ExplicitLocatorPathLcaf(depth),
        9 => SecurityKeyLcaf(depth),
        10 => SourceDestLcaf(depth),
        11 => ReplicationListLcaf(depth),
        12 => JsonDataModelLcaf(depth),
        13 => KeyValueLcaf(depth),
        14 => EncapsulationFormatLcaf(depth),
        _ => new UnknownLcafAddress(UnknownLcafType(), Bytes(Next(0, 12)), Byte(), UInt16()),
    };

    public AfiListAddress AfiListLcaf(int depth) => new(Addresses(depth, Next(0, 4)));

    public AsNumberAddress AsNumberLcaf(int depth) => new(UInt32(), Address(depth));

    public ApplicationDataAddress ApplicationDataLcaf(int depth) =>
        new(UInt32() & ApplicationDataAddress.MaxTosTcFlowLabel, Byte(), UInt16(), UInt16(), UInt16(), UInt16(), Address(depth));

    /// <summary>Either encoding of type 5 (PROTOCOL.md §5.7).</summary>
    public GeoCoordinatesAddress GeoCoordinatesLcaf(int depth) => Bool()
        ? new GeoCoordinatesAddress(
            Bool(), (ushort)Next(GeoCoordinatesAddress.MaxDegrees + 1), Byte(), Byte(),
            Bool(), (ushort)Next(GeoCoordinatesAddress.MaxDegrees + 1), Byte(), Byte(),
            (int)UInt32(), Address(depth))
        : GeoCoordinatesAddress.FromLispGeo(Bytes(GeoCoordinatesAddress.LispGeoFixedLength), Address(depth));

    public NatTraversalAddress NatTraversalLcaf(int depth) =>
        new(UInt16(), UInt16(), Address(depth), Address(depth), Address(depth), Addresses(depth, Next(0, 4)));

    public NonceLocatorAddress NonceLocatorLcaf(int depth) => new(UInt32() & NonceLocatorAddress.MaxNonce, Address(depth));

    public MulticastInfoAddress MulticastInfoLcaf(int depth) =>
        new(UInt32(), Byte(), Byte(), Address(depth), Address(depth), Bool(), Bool(), Bool());

    public ExplicitLocatorPathAddress ExplicitLocatorPathLcaf(int depth)
    {
        var hops = new ElpHop[Next(0, 4)];
        for (var i = 0; i < hops.Length; i++)
        {
            hops[i] = new ElpHop(Address(depth), Bool(), Bool(), Bool());
        }

        return new ExplicitLocatorPathAddress(hops);
    }

    public SecurityKeyAddress SecurityKeyLcaf(int depth)
    {
        var keys = new EquatableArray<byte>[Next(0, 3)];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Bytes(Next(0, 40));
        }

        return new SecurityKeyAddress(Byte(), Bool(), keys, Address(depth));
    }

    public SourceDestAddress SourceDestLcaf(int depth) => new(Byte(), Byte(), Address(depth), Address(depth));

    public ReplicationListAddress ReplicationListLcaf(int depth)
    {
        var entries = new ReplicationEntry[Next(0, 4)];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new ReplicationEntry(Byte(), Address(depth));
        }

        return new ReplicationListAddress(entries);
    }

    /// <summary>Text JSON, or random bytes with B set (binary JSON need not be UTF-8).</summary>
    public JsonDataModelAddress JsonDataModelLcaf(int depth)
    {
        if (Bool())
        {
            return new JsonDataModelAddress(Bytes(Next(0, 30)), Address(depth), binary: true) { OtherRsvd2Bits = Byte() };
        }

        var json = new StringBuilder("{");
        for (var i = Next(0, 3); i > 0; i--)
        {
            json.Append('"').Append(Name().Name).Append("\":").Append(Next(1000)).Append(',');
        }

        return new JsonDataModelAddress(json.Append("\"é\":\"ü\"}").ToString(), Address(depth));
    }

    public KeyValueAddress KeyValueLcaf(int depth) => new(Address(depth), Address(depth));

    /// <summary>With an address (RFC 8060) or without (lispers.net's flag word alone); reserved bits set at times.</summary>
    public EncapsulationFormatAddress EncapsulationFormatLcaf(int depth) =>
        new(Bool() ? UInt32() & 0x7F : UInt32(), Bool() ? Address(depth) : null);

    private EquatableArray<LispAddress> Addresses(int depth, int count)
    {
        var addresses = ImmutableArray.CreateBuilder<LispAddress>(count);
        for (var i = 0; i < count; i++)
        {
            addresses.Add(Address(depth));
        }

        return addresses.MoveToImmutable();
    }

    /// <summary>0, 6, 255 or an unassigned type: the ones kept opaque.</summary>
    private byte UnknownLcafType() => Next(4) switch
    {
        0 => 0,
        1 => 6,
        2 => 255,
        _ => (byte)Next(17, 255),
    };
}
