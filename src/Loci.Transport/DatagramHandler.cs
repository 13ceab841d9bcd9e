using Loci.ControlPlane;

namespace Loci.Transport;

/// <summary>
/// Receives each datagram of a <see cref="UdpEndpointHost"/> on its receive thread. The payload span
/// is the host's receive buffer: valid only during the call, so a handler that keeps it copies it.
/// </summary>
public delegate void DatagramHandler(in InboundDatagram datagram);
