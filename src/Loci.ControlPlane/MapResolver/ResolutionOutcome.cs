namespace Loci.ControlPlane.MapResolvers;

/// <summary>How a request ended, the "outcome" tag of the resolution-latency histogram.</summary>
internal enum ResolutionOutcome
{
    /// <summary>A Map-Server acknowledged (MS-ACK): it answers the ITR or has the ETR answer (RFC 8111 §7.3.2).</summary>
    Positive = 0,

    /// <summary>The mapping system says there is no mapping: a negative Map-Reply the ITR may cache.</summary>
    Negative = 1,

    /// <summary>No answer, a referral loop or too many referrals: a short-lived negative Map-Reply.</summary>
    Failed = 2,
}
