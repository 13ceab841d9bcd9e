using System.Net;

namespace Loci.Capture;

/// <summary>
/// A LISP datagram found in a frame. <see cref="Payload"/> holds the captured part of the UDP
/// payload; <see cref="DeclaredLength"/> is what the UDP header announces, larger only when the
/// capture's snap length cut the frame (-1 when the length is not to be trusted).
/// </summary>
internal readonly record struct UdpDatagram(
    PacketKind Kind,
    IPAddress? Source,
    IPAddress? Destination,
    int SourcePort,
    int DestinationPort,
    ReadOnlyMemory<byte> Payload,
    int DeclaredLength,
    bool FirstFragment);
