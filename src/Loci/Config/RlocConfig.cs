using System.Net;

namespace Loci.Config;

/// <summary>A referral locator: address (port 4342 unless given), priority (lower preferred) and weight.</summary>
public sealed record RlocConfig(IPEndPoint Address, byte Priority = 1, byte Weight = 100);
