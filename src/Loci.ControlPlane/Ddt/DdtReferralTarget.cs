using System.Net;
using Loci.Wire;

namespace Loci.ControlPlane.Ddt;

/// <summary>
/// One referral locator: a child DDT node or a Map-Server with the priority and weight a DDT client
/// uses to choose among them (RFC 8111 §6.4: referral locators use the locator-record layout; lower
/// priority is preferred, 255 means "do not use").
/// </summary>
public sealed record DdtReferralTarget(IPAddress Address, byte Priority = 1, byte Weight = 100)
{
    /// <summary>The locator record sent in a Map-Referral (R bit set; multicast priority 255 = unused).</summary>
    public LocatorRecord ToLocatorRecord() => new(new InetAddress(Address), Priority, Weight, MulticastPriority: 255, MulticastWeight: 0, Reachable: true);

    public override string ToString() => $"{Address} {Priority}/{Weight}";
}
