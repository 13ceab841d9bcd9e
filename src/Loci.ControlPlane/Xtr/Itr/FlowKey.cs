using System.Net;
using System.Net.Sockets;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// The 5-tuple of a flow (source and destination address, protocol, ports), the input of
/// <see cref="LocatorSelection"/>: every packet of one flow hashes to the same locator, so a flow is
/// not reordered across paths (RFC 9301 §5.4 load-splitting by weight).
/// </summary>
/// <remarks>
/// Addresses are right-aligned numbers (IPv4 in the low 32 bits), as a data plane reads them from a
/// header without allocating; <see cref="From"/> builds one from <see cref="IPAddress"/> values.
/// <c>default</c> is a valid key: lookups without a flow (the CLI) use it and get a stable choice.
/// </remarks>
public readonly record struct FlowKey(UInt128 Source, UInt128 Destination, byte Protocol, ushort SourcePort, ushort DestinationPort)
{
    public static FlowKey From(IPAddress source, IPAddress destination, ProtocolType protocol = ProtocolType.Unspecified, ushort sourcePort = 0, ushort destinationPort = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return new FlowKey(ToNumber(source), ToNumber(destination), (byte)protocol, sourcePort, destinationPort);
    }

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        UInt128 value = 0;
        foreach (var b in bytes[..written])
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
