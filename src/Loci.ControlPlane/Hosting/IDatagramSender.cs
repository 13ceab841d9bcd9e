using System.Net;

namespace Loci.ControlPlane;

/// <summary>
/// Where a role's outbound datagrams go. The daemon sends them on the UDP socket the role is bound
/// to, tests record them, the simulator puts them on its event queue. Implementations copy the
/// payload before returning: the role reuses its buffer.
/// </summary>
public interface IDatagramSender
{
    void Send(IPEndPoint destination, ReadOnlySpan<byte> payload);
}
