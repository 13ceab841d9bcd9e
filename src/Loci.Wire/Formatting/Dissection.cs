namespace Loci.Wire.Formatting;

/// <summary>
/// What a LISP datagram decoded to: a control message, or a data-plane header (with the inner
/// packet's addresses when readable), or an error. A malformed message may still carry the fields
/// decoded before the fault (<see cref="Message"/> set together with <see cref="Error"/>), as
/// tcpdump prints records before "[|lisp]".
/// </summary>
public sealed record Dissection
{
    /// <summary>The JSON/CLI type name ("map-register", "data" ...), or null when the type nibble is unknown.</summary>
    public string? TypeName { get; init; }

    public LispMessage? Message { get; init; }

    public LispDataHeader? DataHeader { get; init; }

    public InnerPacket? Inner { get; init; }

    public WireError? Error { get; init; }

    /// <summary>The error as a sentence with the offending value when known, e.g. "unknown AFI 7680: ...".</summary>
    public string? ErrorReason { get; init; }

    public bool IsMalformed => Error is not null;
}
