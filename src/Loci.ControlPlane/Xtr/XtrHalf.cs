namespace Loci.ControlPlane.Xtr;

/// <summary>The half of a <see cref="TunnelRouter"/> a control message belongs to.</summary>
public enum XtrHalf
{
    /// <summary>Not an xTR message (Map-Register, Map-Referral, unknown type, empty).</summary>
    None = 0,

    Etr = 1,

    Itr = 2,
}
