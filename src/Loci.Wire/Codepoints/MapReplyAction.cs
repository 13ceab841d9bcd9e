namespace Loci.Wire;

/// <summary>ACT field of an EID-record (IANA "LISP ACT Values", RFC 9301 §5.4). 6 and 7 are unassigned.</summary>
public enum MapReplyAction : byte
{
    NoAction = 0,
    NativelyForward = 1,
    SendMapRequest = 2,
    DropNoReason = 3,
    DropPolicyDenied = 4,
    DropAuthFailure = 5,
}
