namespace Loci.Wire;

/// <summary>
/// A parse failure: what went wrong, the byte offset in the datagram where it was found, and what
/// was being read. <see cref="Detail"/> is always a string literal, so producing an error never
/// allocates; the full sentence is built only when someone formats it.
/// </summary>
public readonly record struct WireError(WireErrorCode Code, int Offset, string Detail)
{
    public bool IsError => Code != WireErrorCode.None;

    /// <summary>A short human reason, e.g. "truncated: map-request nonce".</summary>
    public string Reason => Code switch
    {
        WireErrorCode.Truncated => "truncated: " + Detail,
        WireErrorCode.UnknownAfi => "unknown AFI: " + Detail,
        WireErrorCode.UnknownMessageType => "unknown message type: " + Detail,
        WireErrorCode.BadLength => "bad length: " + Detail,
        WireErrorCode.BadValue => "bad value: " + Detail,
        WireErrorCode.TrailingBytes => "trailing bytes: " + Detail,
        WireErrorCode.NestingTooDeep => "LCAF nesting too deep: " + Detail,
        WireErrorCode.BadInnerHeader => "bad inner header: " + Detail,
        _ => Detail,
    };

    /// <summary>The snake_case code name used in JSON output.</summary>
    public string CodeName => Code switch
    {
        WireErrorCode.Truncated => "truncated",
        WireErrorCode.UnknownAfi => "unknown_afi",
        WireErrorCode.UnknownMessageType => "unknown_message_type",
        WireErrorCode.BadLength => "bad_length",
        WireErrorCode.BadValue => "bad_value",
        WireErrorCode.TrailingBytes => "trailing_bytes",
        WireErrorCode.NestingTooDeep => "nesting_too_deep",
        WireErrorCode.BadInnerHeader => "bad_inner_header",
        _ => "none",
    };

    public override string ToString() => $"{Reason} (at byte {Offset})";
}
