using Loci.Wire.Tests.Support;

namespace Loci.Wire.Tests.Addresses.Lcaf;

public class LcafGeneratorTests
{
    [Fact]
    public void Lcaf_ManyDraws_EveryImplementedTypeGenerated()
    {
        var random = new RandomModels(17);
        var seen = new HashSet<Type>();
        for (var i = 0; i < 2000; i++)
        {
            seen.Add(random.Lcaf(1).GetType());
        }

        Type[] expected =
        [
            typeof(AfiListAddress), typeof(InstanceIdAddress), typeof(AsNumberAddress), typeof(ApplicationDataAddress),
            typeof(GeoCoordinatesAddress), typeof(NatTraversalAddress), typeof(NonceLocatorAddress),
            typeof(MulticastInfoAddress), typeof(ExplicitLocatorPathAddress), typeof(SecurityKeyAddress),
            typeof(SourceDestAddress), typeof(ReplicationListAddress), typeof(JsonDataModelAddress),
            typeof(KeyValueAddress), typeof(EncapsulationFormatAddress), typeof(UnknownLcafAddress),
        ];
        Assert.Equal(expected.OrderBy(t => t.Name), seen.OrderBy(t => t.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(255)]
    public void Read_OpaqueTypes_StayUnknownAndWrittenBackUnchanged(byte type)
    {
        var address = LcafTesting.AssertWrittenBackUnchanged([0x40, 0x03, 0x00, 0x00, type, 0x00, 0x00, 0x02, 0xab, 0xcd]);
        Assert.IsType<UnknownLcafAddress>(address);
    }
}
