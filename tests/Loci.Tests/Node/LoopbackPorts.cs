using System.Net;
using Loci.Transport;

namespace Loci.Tests.Node;

/// <summary>Socket chores of the loopback network tests (mapping chain, two xTR sites): several addresses on one ephemeral port, and a quick shutdown.</summary>
internal static class LoopbackPorts
{
    private const int Attempts = 5;

    /// <summary>
    /// Binds every address on one UDP port: the first on an ephemeral port, the others on the port it
    /// got. Another socket may hold that port on one of the other addresses (or on the wildcard), so
    /// on a bind failure everything is released and the set is tried again on a fresh port.
    /// </summary>
    public static List<UdpEndpointHost> BindOnOnePort(params IPAddress[] addresses)
    {
        EndpointBindException? last = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var hosts = new List<UdpEndpointHost>();
            try
            {
                hosts.Add(UdpEndpointHost.Bind(new IPEndPoint(addresses[0], 0)));
                var port = hosts[0].LocalEndpoint.Port;
                foreach (var address in addresses.Skip(1))
                {
                    hosts.Add(UdpEndpointHost.Bind(new IPEndPoint(address, port)));
                }

                return hosts;
            }
            catch (EndpointBindException e)
            {
                last = e;
                foreach (var host in hosts)
                {
                    host.Dispose();
                }
            }
        }

        throw new InvalidOperationException($"No common free UDP port for {string.Join(", ", addresses.Select(a => a.ToString()))} after {Attempts} tries.", last);
    }

    /// <summary>
    /// Stops the receive loops of <paramref name="hosts"/> side by side. Each loop notices a stop only at
    /// its next receive poll (200 ms), so stopping them one after another would cost that much per socket.
    /// </summary>
    public static void StopReceivingAll(IEnumerable<UdpEndpointHost> hosts)
    {
        var stoppers = hosts.Select(h => new Thread(h.StopReceiving) { IsBackground = true }).ToList();
        foreach (var stopper in stoppers)
        {
            stopper.Start();
        }

        foreach (var stopper in stoppers)
        {
            stopper.Join();
        }
    }
}
