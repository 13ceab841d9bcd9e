namespace Loci.ControlPlane.Xtr;

/// <summary>What the map-cache said about a destination.</summary>
public enum ItrLookupOutcome
{
    /// <summary>No live entry covers the EID; a resolution is queued unless one is already under way (or held down after a failure).</summary>
    Miss,

    /// <summary>A positive entry with a usable locator: encapsulate to <see cref="ItrLookupResult.Rloc"/>.</summary>
    Hit,

    /// <summary>
    /// A negative entry: act on <see cref="ItrLookupResult.Action"/>. When the action is Natively-Forward
    /// and Proxy-ETRs are configured, <see cref="ItrLookupResult.Rloc"/> is the Proxy-ETR to encapsulate to.
    /// </summary>
    Negative,

    /// <summary>A positive entry whose locators are all down, priority 255, or of a family the ITR has no RLOC in.</summary>
    NoUsableLocator,

    /// <summary>The EID is not one an ITR resolves (not IPv4/IPv6).</summary>
    Unsupported,
}
