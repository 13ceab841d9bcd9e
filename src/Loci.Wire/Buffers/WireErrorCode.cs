namespace Loci.Wire;

/// <summary>Why a datagram could not be parsed. Values are stable: logs and JSON carry the name.</summary>
public enum WireErrorCode
{
    None = 0,
    /// <summary>The message ended before a field it announces.</summary>
    Truncated,
    /// <summary>An address family this implementation does not know; its length is unknown, so parsing stops (PROTOCOL.md pitfall 4).</summary>
    UnknownAfi,
    /// <summary>The 4-bit packet type is not a LISP control message type.</summary>
    UnknownMessageType,
    /// <summary>A length or count field disagrees with the bytes present (auth length, LCAF length, IRC ...).</summary>
    BadLength,
    /// <summary>A field holds a value the specification forbids (mask length wider than the address, ...).</summary>
    BadValue,
    /// <summary>Bytes remain after the last element of a message whose layout leaves no room for them.</summary>
    TrailingBytes,
    /// <summary>LCAFs nested deeper than the decoder allows.</summary>
    NestingTooDeep,
    /// <summary>An inner IP or UDP header of an Encapsulated Control Message is malformed.</summary>
    BadInnerHeader,
}
