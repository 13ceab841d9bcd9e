namespace Loci.Wire;

/// <summary>LISP control packet types (IANA "LISP Packet Types"; RFC 9301 §5.1, RFC 8111, RFC 9304).</summary>
public enum MessageType : byte
{
    Reserved = 0,
    MapRequest = 1,
    MapReply = 2,
    MapRegister = 3,
    MapNotify = 4,
    /// <summary>RFC 9301 §5.7. The seed's VM-mobility work used 5 for Change-Priority (PROTOCOL.md §8.4).</summary>
    MapNotifyAck = 5,
    /// <summary>RFC 8111 §6.4.</summary>
    MapReferral = 6,
    /// <summary>Info-Request / Info-Reply, NAT traversal (draft-ermagan-lisp-nat-traversal).</summary>
    Info = 7,
    /// <summary>RFC 9301 §5.8.</summary>
    EncapsulatedControlMessage = 8,
    /// <summary>RFC 9304.</summary>
    SharedExtension = 15,
}
