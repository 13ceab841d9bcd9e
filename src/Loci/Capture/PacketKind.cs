namespace Loci.Capture;

/// <summary>What <see cref="PacketParser"/> found in a frame.</summary>
internal enum PacketKind
{
    /// <summary>Not IPv4/IPv6, or not UDP, or UDP on other ports.</summary>
    Other,

    /// <summary>LISP control (UDP 4342 on either side).</summary>
    Control,

    /// <summary>LISP data plane (UDP 4341 on either side).</summary>
    Data,

    /// <summary>A non-first IP fragment: its UDP header is in another packet (reassembly is not done).</summary>
    Fragment,

    /// <summary>The frame ends before the IP or UDP header is complete.</summary>
    Truncated,

    /// <summary>A link type this reader does not decode.</summary>
    UnsupportedLink,
}
