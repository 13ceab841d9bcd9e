using System.Net;

namespace Loci.Demo;

/// <summary>A lookup the demo performs and the outcome issue 4 documents for it.</summary>
internal sealed record DemoLookup(IPAddress Eid, IPEndPoint Resolver, bool ExpectPositive, string Expectation)
{
    private static readonly IPEndPoint Mr4 = new(IPAddress.Parse("127.0.0.30"), 4342);
    private static readonly IPEndPoint Mr6 = new(IPAddress.IPv6Loopback, 4342);

    public static readonly DemoLookup[] All =
    [
        new(IPAddress.Parse("10.1.0.7"), Mr4, true, "site1, proxy reply"),
        new(IPAddress.Parse("10.2.0.7"), Mr4, true, "site2, proxy reply"),
        new(IPAddress.Parse("10.3.0.7"), Mr4, true, "site3 on the second map-server"),
        new(IPAddress.Parse("2001:db8:1::7"), Mr6, true, "site1 IPv6, asked over [::1]"),
        new(IPAddress.Parse("10.1.200.1"), Mr4, false, "site space, not registered"),
        new(IPAddress.Parse("10.9.0.1"), Mr4, false, "delegation hole"),
        new(IPAddress.Parse("192.0.2.1"), Mr4, false, "not EID space: natively forward"),
    ];
}
