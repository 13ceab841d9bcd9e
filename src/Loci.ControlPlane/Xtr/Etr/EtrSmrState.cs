namespace Loci.ControlPlane.Xtr;

/// <summary>
/// Solicit-Map-Requests owed to one requester for one prefix. Kept a little after it is done
/// (answered or abandoned) so the next change still respects the one-per-interval rate limit.
/// </summary>
internal sealed class EtrSmrState(EtrLocalMapping mapping, DateTimeOffset nextDue)
{
    /// <summary>The mapping the SMRs announce: its locators give the SMR's ITR-RLOC (the old one when the prefix was removed).</summary>
    public EtrLocalMapping Mapping { get; set; } = mapping;

    public DateTimeOffset NextDue { get; set; } = nextDue;

    public DateTimeOffset? LastSent { get; set; }

    /// <summary>SMRs sent for the current change.</summary>
    public int Attempts { get; set; }

    /// <summary>False once the requester came back or the attempts ran out.</summary>
    public bool Active { get; set; } = true;
}
