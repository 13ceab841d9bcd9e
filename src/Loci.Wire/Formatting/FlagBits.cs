namespace Loci.Wire.Formatting;

/// <summary>Legacy header bits the models keep among their reserved bits but a decoder still names (PROTOCOL.md §8.1).</summary>
internal static class FlagBits
{
    /// <summary>Map-Notify bit 5, R: built for an RTR (NAT-traversal draft; Wireshark, tcpdump, OOR).</summary>
    public const uint MapNotifyRtr = 0x0400_0000;

    /// <summary>Map-Register bit 7, R: built for an RTR (NAT-traversal draft).</summary>
    public const uint MapRegisterRtr = 0x0100_0000;
}
