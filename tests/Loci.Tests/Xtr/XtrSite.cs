using System.Net;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Transport;

namespace Loci.Tests.Xtr;

/// <summary>
/// One xTR of the two-site network: the real ETR and ITR roles behind one <see cref="TunnelRouter"/>,
/// run by one <see cref="RoleRunner"/> on one thread (SplitRegistration off: both halves keep
/// single-threaded state) over the site's RLOC sockets, all on the network's shared port. Replies,
/// registers and SMRs leave by the first socket (<see cref="EndpointGroup"/>), so that is where
/// Map-Notifies and the ETR's Map-Replies come from; every socket receives.
/// </summary>
internal sealed class XtrSite : IDisposable
{
    public XtrSite(string name, IReadOnlyList<UdpEndpointHost> hosts, EtrOptions etr, ItrOptions itr)
    {
        Name = name;
        Hosts = hosts;
        var sender = new EndpointGroup(hosts);
        Etr = new Etr(etr, sender, TimeProvider.System);
        try
        {
            Itr = new Itr(itr, sender, TimeProvider.System);
            Router = new TunnelRouter(Etr, Itr);
            Runner = new RoleRunner(Router, hosts, new RoleRunnerOptions { SplitRegistration = false, Name = name });
        }
        catch
        {
            Etr.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public IReadOnlyList<UdpEndpointHost> Hosts { get; }

    public Etr Etr { get; }

    public Itr Itr { get; }

    public TunnelRouter Router { get; }

    public RoleRunner Runner { get; }

    /// <summary>The socket the xTR sends from: the source of its Map-Replies.</summary>
    public IPEndPoint SendingEndpoint => Hosts[0].LocalEndpoint;

    /// <summary>The ITR's map-cache entry for exactly <paramref name="prefix"/>, or null.</summary>
    public MapCacheEntry? CacheEntry(EidPrefix prefix) =>
        Itr.MapCacheSnapshot.TryGetValue(prefix, out var entry) ? entry : null;

    /// <summary>Counters of both halves and of the router, for failure messages.</summary>
    public string Describe()
    {
        static string NonZero(IReadOnlyDictionary<string, long> counters) =>
            string.Join(", ", counters.Where(c => c.Value != 0).Select(c => $"{c.Key}={c.Value}"));

        return string.Join(
            Environment.NewLine,
            $"{Name} etr: {NonZero(Etr.Counters.ToDictionary())}; map-servers: {string.Join("; ", Etr.GetMapServers())}; requesters: {string.Join("; ", Etr.GetRequesters())}",
            $"{Name} itr: {NonZero(Itr.Counters.Snapshot())}; pending: {string.Join("; ", Itr.PendingRequests)}; map-cache: {string.Join("; ", Itr.MapCache)}",
            $"{Name} router: not for an xTR {Router.NotForXtr}, to an absent half {Router.ToAbsentHalf}");
    }

    /// <summary>Stops the runner (the caller owns and disposes the sockets) and releases the ETR's keys.</summary>
    public void Dispose()
    {
        Runner.Dispose();
        Etr.Dispose();
    }
}
