using System.Diagnostics.Metrics;
using System.Net;
using Loci.Config;
using Loci.ControlPlane;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.Xtr;
using Loci.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resolver = Loci.ControlPlane.MapResolvers.MapResolver;
using Server = Loci.ControlPlane.MapServers.MapServer;

namespace Loci.Node;

/// <summary>
/// One `loci` node: the configured roles (Map-Server, DDT node, Map-Resolver; seed 002 runs them in
/// one process), each on its own UDP endpoints behind its own <see cref="RoleRunner"/>. The
/// Map-Server runs registration and resolution on separate threads so a flood of one cannot starve
/// the other (issue 4, seed 002); the DDT node and Map-Resolver run on one thread each.
/// Every role, runner and socket gets a logger of its own category from the node's
/// <see cref="ILoggerFactory"/>, and their meters come from the node's <see cref="IMeterFactory"/>
/// when it has one (tests use it to listen to this node only).
/// </summary>
internal sealed class LociNode : IDisposable
{
    private readonly List<RoleRunner> _runners = [];
    private readonly List<UdpEndpointHost> _hosts = [];
    private LocalDelivery? _localDelivery;
    private readonly ILoggerFactory _loggers;
    private readonly IMeterFactory? _meters;
    private readonly ILogger _logger;
    private bool _started;

    private LociNode(ILoggerFactory loggers, IMeterFactory? meters)
    {
        _loggers = loggers;
        _meters = meters;
        _logger = loggers.CreateLogger<LociNode>();
    }

    public Server? MapServer { get; private set; }

    public DdtNode? DdtNode { get; private set; }

    public Resolver? MapResolver { get; private set; }

    /// <summary>The tunnel router (issue 5): its ETR and ITR halves share the xtr section's sockets.</summary>
    public TunnelRouter? TunnelRouter { get; private set; }

    public Etr? Etr { get; private set; }

    public Itr? Itr { get; private set; }

    /// <summary>The tunnel router's sockets (its RLOCs); empty without an xtr section.</summary>
    public IReadOnlyList<IPEndPoint> XtrEndpoints { get; private set; } = [];

    public IReadOnlyList<RoleRunner> Runners => _runners;

    /// <summary>In-process delivery between this node's roles; null when the configuration turned it off.</summary>
    public LocalDelivery? LocalDelivery => _localDelivery;

    /// <summary>Binds every endpoint and starts every role. On a bind failure nothing is left bound and the <see cref="EndpointBindException"/> propagates.</summary>
    /// <param name="loggers">Where the node, its roles and sockets log; nowhere when null.</param>
    /// <param name="meters">Creates the roles' and runners' meters; each makes its own when null.</param>
    public static LociNode Start(NodeConfig config, TimeProvider time, ILoggerFactory? loggers = null, IMeterFactory? meters = null)
    {
        var node = new LociNode(loggers ?? NullLoggerFactory.Instance, meters);
        node._localDelivery = config.LocalDelivery ? new LocalDelivery() : null;
        try
        {
            if (config.MapServer is { } ms)
            {
                var hosts = node.BindAll(ConfigToOptions.Endpoints(config, ms.Bind));
                node.MapServer = new Server(ConfigToOptions.MapServer(ms), node.Senders(hosts), time, hosts[0].LocalEndpoint, meters, node._loggers.CreateLogger<Server>());
                node.Run(node.MapServer, hosts, split: true, "map-server", inlineResolution: true);
            }

            if (config.Ddt is { } ddt)
            {
                var hosts = node.BindAll(ConfigToOptions.Endpoints(config, ddt.Bind));
                node.DdtNode = new DdtNode(ConfigToOptions.Ddt(ddt), node.Senders(hosts), node._loggers.CreateLogger<DdtNode>());
                node.Run(node.DdtNode, hosts, split: false, "ddt-node");
            }

            if (config.MapResolver is { } mr)
            {
                var hosts = node.BindAll(ConfigToOptions.Endpoints(config, mr.Bind));
                node.MapResolver = new Resolver(ConfigToOptions.MapResolver(mr), node.Senders(hosts), time, meters, node._loggers.CreateLogger<Resolver>());
                node.Run(node.MapResolver, hosts, split: false, "map-resolver", inlineResolution: true);
            }

            if (config.Xtr is { } xtr)
            {
                node.StartXtr(config, xtr, time);
            }

            foreach (var runner in node._runners)
            {
                runner.Start();
            }

            node._started = true;
            NodeLog.Started(node._logger, [.. node._runners.Select(r => r.Options.Name)]);
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    private void StartXtr(NodeConfig config, XtrConfig xtr, TimeProvider time)
    {
        var hosts = BindAll(ConfigToOptions.Endpoints(config, xtr.Bind));
        var bind = hosts.Select(h => h.LocalEndpoint).ToArray();
        XtrEndpoints = bind;
        var sender = Senders(hosts);
        Etr = xtr.Etr is { } etr ? new Etr(XtrConfigToOptions.Etr(etr, bind), sender, time, _loggers.CreateLogger<Etr>()) : null;
        Itr = xtr.Itr is { } itr ? new Itr(XtrConfigToOptions.Itr(itr, bind), sender, time, _loggers.CreateLogger<Itr>()) : null;
        TunnelRouter = new TunnelRouter(Etr, Itr);

        // One thread: both halves keep single-threaded state (IRole); the ETR's registrations are
        // a few datagrams a minute, so they need no queue of their own.
        Run(TunnelRouter, hosts, split: false, "xtr");
        var runner = _runners[^1];
        if (Etr is not null)
        {
            Etr.InboxSignal = runner.Wake;
        }

        if (Itr is not null)
        {
            Itr.InboxSignal = runner.Wake;
        }
    }

    /// <summary>The endpoints each role listens on, for start-up messages.</summary>
    public IEnumerable<(string Role, IPEndPoint Endpoint)> Listening =>
        _runners.SelectMany(r => r.Endpoints.Select(e => (r.Options.Name, e.LocalEndpoint)));

    private List<UdpEndpointHost> BindAll(IReadOnlyList<IPEndPoint> endpoints)
    {
        var hosts = new List<UdpEndpointHost>();
        foreach (var endpoint in endpoints)
        {
            var host = UdpEndpointHost.Bind(endpoint, logger: _loggers.CreateLogger<UdpEndpointHost>());
            _hosts.Add(host);
            hosts.Add(host);
            if (_localDelivery is not null)
            {
                host.UseLocalDelivery(_localDelivery);
            }
        }

        return hosts;
    }

    /// <summary>
    /// The sender for a role: its listening sockets plus, for an address family it does not listen
    /// on, a send-only socket on an ephemeral port. Why: a Map-Server bound to 127.0.0.20 must still
    /// answer an ITR whose only ITR-RLOC is ::1 (RFC 9301 §5.2: the replier uses an ITR-RLOC it can
    /// reach); the ITR matches the reply by nonce, not by source port.
    /// </summary>
    private EndpointGroup Senders(List<UdpEndpointHost> hosts)
    {
        var senders = new List<UdpEndpointHost>(hosts);
        foreach (var any in new[] { IPAddress.Any, IPAddress.IPv6Any })
        {
            if (hosts.Any(h => h.AddressFamily == any.AddressFamily))
            {
                continue;
            }

            try
            {
                var egress = UdpEndpointHost.Bind(new IPEndPoint(any, 0), logger: _loggers.CreateLogger<UdpEndpointHost>());
                _hosts.Add(egress);
                senders.Add(egress);
            }
            catch (EndpointBindException)
            {
                // No such family on this host (e.g. IPv6 disabled): replies to it cannot be sent anyway.
            }
        }

        return new EndpointGroup(senders, _loggers.CreateLogger<EndpointGroup>());
    }

    /// <param name="inlineResolution">Map-Requests answered on the receive threads (<see cref="RoleRunnerOptions.InlineResolution"/>): for roles whose Receive is thread-safe (the Map-Server's resolution path, the Map-Resolver).</param>
    private void Run(IRole role, List<UdpEndpointHost> hosts, bool split, string name, bool inlineResolution = false) =>
        _runners.Add(new RoleRunner(role, hosts, new RoleRunnerOptions { SplitRegistration = split, Name = name, InlineResolution = inlineResolution }, _loggers.CreateLogger<RoleRunner>(), _meters));

    public void Dispose()
    {
        if (_started)
        {
            NodeLog.Stopping(_logger);
        }

        foreach (var runner in _runners)
        {
            runner.Stop();
            runner.Dispose();
        }

        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        MapServer?.Dispose();
        MapResolver?.Dispose();
        Etr?.Dispose();
        if (_started)
        {
            NodeLog.Stopped(_logger);
            _started = false;
        }
    }
}
