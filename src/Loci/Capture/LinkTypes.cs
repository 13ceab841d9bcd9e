namespace Loci.Capture;

/// <summary>Link-layer header types (tcpdump.org "LINKTYPE_" values) this reader understands.</summary>
internal static class LinkTypes
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    public const int Null = 0;
    public const int Ethernet = 1;

    /// <summary>DLT_RAW as most platforms number it in files (12) and as OpenBSD does (14).</summary>
    public const int RawAlt12 = 12;
    public const int RawAlt14 = 14;
    public const int Raw = 101;

    /// <summary>OpenBSD loopback: like <see cref="Null"/> but always big-endian.</summary>
    public const int Loop = 108;
    public const int LinuxSll = 113;
    public const int Ipv4 = 228;
    public const int Ipv6 = 229;
    public const int LinuxSll2 = 276;

    public static bool IsSupported(int linkType) =>
        linkType is Null or Ethernet or RawAlt12 or RawAlt14 or Raw or Loop or LinuxSll or Ipv4 or Ipv6 or LinuxSll2;
}
