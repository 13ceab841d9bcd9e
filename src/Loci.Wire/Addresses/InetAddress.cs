using System.Net;
using System.Net.Sockets;

namespace Loci.Wire;

/// <summary>An IPv4 (AFI 1) or IPv6 (AFI 2) address.</summary>
public sealed record InetAddress : LispAddress
{
    public InetAddress(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (ip.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"Not an IPv4 or IPv6 address: {ip}.", nameof(ip));
        }

        // Scope IDs have no meaning on the wire and would break value equality after a round trip.
        Ip = ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId != 0 ? new IPAddress(ip.GetAddressBytes()) : ip;
    }

    public IPAddress Ip { get; }

    public bool IsIPv4 => Ip.AddressFamily == AddressFamily.InterNetwork;

    public override Afi Afi => IsIPv4 ? Afi.IPv4 : Afi.IPv6;

    public override int BodyLength => IsIPv4 ? 4 : 16;

    public override int AddressBits => IsIPv4 ? 32 : 128;

    public static InetAddress Parse(string text) => new(IPAddress.Parse(text));

    internal override void WriteBody(ref SpanWriter writer)
    {
        Span<byte> bytes = stackalloc byte[16];
        Ip.TryWriteBytes(bytes, out var written);
        writer.WriteBytes(bytes[..written]);
    }

    public override string Format() => Ip.ToString();
}
