using Loci.ControlPlane;

namespace Loci.Benchmarks.Transport;

/// <summary>
/// The cheapest role: sends every datagram back to its source through the transport's sender, so
/// a benchmark through <see cref="Loci.Transport.RoleRunner"/> measures the transport, not a role.
/// Allocates nothing.
/// </summary>
internal sealed class EchoRole : IRole
{
    public IDatagramSender? Sender { get; set; }

    public void Receive(in InboundDatagram datagram) => Sender!.Send(datagram.Source, datagram.Payload);

    public void OnTimer()
    {
    }
}
