using System.Net;
using Loci.Transport;

namespace Loci.Config;

/// <summary>
/// The <c>map_resolver</c> section: resolve through DDT from <see cref="DdtRoots"/>, or send
/// Map-Requests straight to <see cref="MapServers"/> (exactly one of the two).
/// </summary>
public sealed record MapResolverConfig
{
    public const int DefaultMaxReferrals = 8;

    public IReadOnlyList<IPEndPoint> Bind { get; init; } = [];

    public IReadOnlyList<RlocConfig> DdtRoots { get; init; } = [];

    public IReadOnlyList<IPEndPoint> MapServers { get; init; } = [];

    /// <summary>Referrals followed for one request before it is answered negatively.</summary>
    public int MaxReferrals { get; init; } = DefaultMaxReferrals;

    /// <summary>Wait for one answer before retransmitting to the next referral locator.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>UDP port of DDT nodes and map-servers the referrals name (referral locators carry no port): 4342.</summary>
    public int ReferralPort { get; init; } = UdpEndpointHost.DefaultPort;

    /// <summary>Retransmissions per hop.</summary>
    public int Retries { get; init; } = 2;
}
