using Loci.Wire;

namespace Loci.Tests.Decode;

/// <summary>Small EID-records for building test messages.</summary>
internal static class TestRecords
{
    /// <summary>One record "10.1.0.0/16 ttl 1440" with a single locator 192.0.2.1 1/100 R.</summary>
    public static EquatableArray<EidRecord> One() =>
        new EidRecord[] { new(InetAddress.Parse("10.1.0.0"), 16, 1440, new LocatorRecord[] { new(InetAddress.Parse("192.0.2.1")) }) };
}
