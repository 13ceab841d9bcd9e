using System.Net;

namespace Loci.Config;

/// <summary>A locator of a database mapping (RFC 9301 §5.4): unicast and multicast priority/weight; priority 255 means "do not use".</summary>
public sealed record LocatorConfig(IPAddress Address, byte Priority = 1, byte Weight = 100, byte MulticastPriority = 255, byte MulticastWeight = 0);
