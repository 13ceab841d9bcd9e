namespace Loci.ControlPlane.Xtr;

/// <summary>Where a resolution stands.</summary>
public enum ItrRequestState
{
    /// <summary>Waiting for the one-request-per-second gap (RFC 9301 §5.3) before the first send.</summary>
    Deferred,

    /// <summary>Sent; waiting for a Map-Reply, retransmitting on silence.</summary>
    AwaitingReply,

    /// <summary>Failed everywhere; misses for this EID start no new resolution until the hold-down ends.</summary>
    HeldDown,
}
