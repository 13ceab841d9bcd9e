using System.Net;

namespace Loci.Demo;

/// <summary>A lookup the demo's ITR performs, the outcome issues 4 and 5 document for it, and who should answer.</summary>
internal sealed record DemoLookup(string Eid, bool ExpectPositive, string ExpectedFrom, string Expectation)
{
    public static readonly DemoLookup[] All =
    [
        new("10.1.0.7", true, "127.0.0.101", "site1: its ETR answers"),
        new("10.2.0.7", true, "127.0.0.103", "site2: its ETR answers"),
        new("10.3.0.7", true, "127.0.0.21", "site3: proxy reply by the second map-server"),
        new("2001:db8:1::7", true, "127.0.0.101", "site1 IPv6: its ETR answers"),
        new("10.1.200.1", false, "127.0.0.30", "site space, not registered"),
        new("10.9.0.1", false, "127.0.0.30", "delegation hole"),
        new("192.0.2.1", false, "127.0.0.30", "not EID space: natively forward"),
    ];

    /// <summary>The IPv6 path to the map-resolver, shown with a lig-style request over [::1].</summary>
    public static readonly IPEndPoint Resolver6 = new(IPAddress.IPv6Loopback, 4342);
}
