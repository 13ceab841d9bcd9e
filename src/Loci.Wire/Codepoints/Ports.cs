namespace Loci.Wire;

/// <summary>Well-known LISP UDP ports (RFC 9300 §5, RFC 9301 §5).</summary>
public static class LispPorts
{
    public const int DataPlane = 4341;
    public const int ControlPlane = 4342;
}
