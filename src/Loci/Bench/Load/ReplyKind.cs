namespace Loci.Bench.Load;

/// <summary>How a reply the generator received is counted.</summary>
internal enum ReplyKind
{
    /// <summary>A Map-Reply whose first record has locators (RFC 9301 §5.4).</summary>
    Positive,

    /// <summary>A Map-Reply whose first record has no locators: a negative Map-Reply (RFC 9301 §5.4, action in the record).</summary>
    Negative,

    /// <summary>A Map-Referral (RFC 8111 §6.4), whatever its action.</summary>
    Referral,

    /// <summary>A Map-Notify (RFC 9301 §5.7) answering a register with want-map-notify.</summary>
    Notify,

    /// <summary>Anything else: other types, or a reply too malformed to read its nonce.</summary>
    Other,
}
