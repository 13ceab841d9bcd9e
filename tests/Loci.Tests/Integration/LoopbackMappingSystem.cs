using System.Net;
using System.Net.Sockets;
using Loci.ControlPlane;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.MapServers;
using Loci.Prefixes;
using Loci.Tests.Node;
using Loci.Transport;
using Loci.Wire;
using Resolver = Loci.ControlPlane.MapResolvers.MapResolver;
using ResolverOptions = Loci.ControlPlane.MapResolvers.MapResolverOptions;
using Server = Loci.ControlPlane.MapServers.MapServer;

namespace Loci.Tests.Integration;

/// <summary>
/// A whole DDT mapping system on loopback, made of the real roles on real UDP sockets and wired the
/// way <c>LociNode</c> wires them (one <see cref="RoleRunner"/> per role, the Map-Server's
/// registration and resolution paths apart, a send-only socket for a family a role does not listen on):
/// <code>
///   DDT root  127.0.50.10  0.0.0.0/0, ::/0   -> 10.0.0.0/8, 2001:db8::/32 to the DDT node
///   DDT node  127.0.50.11  10.0.0.0/8, 2001:db8::/32
///                            -> 10.50.0.0/16, 2001:db8:50::/48 to the Map-Server 127.0.50.20
///                            -> 10.60.0.0/16 to a Map-Server at 127.0.50.21 that does not exist
///   Map-Server 127.0.50.20  site "integration": 10.50.0.0/16, 2001:db8:50::/48, more-specifics accepted
///   Map-Resolver 127.0.50.30 and [::1], each on its own ephemeral port; DDT root 127.0.50.10
///   ETR of the site (<see cref="TestEtr"/>) 127.0.51.1 and [::1], registering with the Map-Server
/// </code>
/// Map-Referral locators carry an address and no port (RFC 8111 §6.4), so the root, the DDT node and
/// the Map-Server share one ephemeral port (<see cref="Port"/>) on distinct 127.0.50.x addresses
/// (Linux routes all of 127/8 to lo) and the Map-Resolver's ReferralPort is that port. The addresses
/// are this folder's own: other tests use 127.0.0.x, and two systems running side by side differ by port.
/// </summary>
internal sealed class LoopbackMappingSystem : IDisposable
{
    public const string SiteKey = "integration-site-key";

    public static readonly IPAddress RootAddress = IPAddress.Parse("127.0.50.10");
    public static readonly IPAddress DdtNodeAddress = IPAddress.Parse("127.0.50.11");
    public static readonly IPAddress MapServerAddress = IPAddress.Parse("127.0.50.20");

    /// <summary>Delegated to, never bound: requests sent there meet silence.</summary>
    public static readonly IPAddress SilentMapServerAddress = IPAddress.Parse("127.0.50.21");

    public static readonly IPAddress ResolverAddress = IPAddress.Parse("127.0.50.30");

    /// <summary>
    /// The Map-Resolver's default retransmission timer here: longer than any wait of these tests. Loopback
    /// loses nothing, but a busy machine can stall a role for a second; with a patient timer that delays
    /// an answer instead of making the resolver repeat a request, which would double the counts the tests check.
    /// </summary>
    public static readonly TimeSpan PatientRetransmit = TimeSpan.FromSeconds(10);

    public static readonly EidPrefix SiteV4 = EidPrefix.Parse("10.50.0.0/16");
    public static readonly EidPrefix SiteV6 = EidPrefix.Parse("2001:db8:50::/48");
    public static readonly EidPrefix SilentMapServerSpace = EidPrefix.Parse("10.60.0.0/16");

    private readonly List<UdpEndpointHost> _hosts = [];
    private readonly List<RoleRunner> _runners = [];
    private readonly UdpEndpointHost _resolver4;
    private readonly UdpEndpointHost _resolver6;

    /// <param name="retransmitTimeout">The Map-Resolver's wait before it sends a DDT Map-Request again (RFC 8111 §7.3.1); <see cref="PatientRetransmit"/> by default.</param>
    public LoopbackMappingSystem(TimeSpan? retransmitTimeout = null)
    {
        try
        {
            Etr = new TestEtr();
            var shared = LoopbackPorts.BindOnOnePort(RootAddress, DdtNodeAddress, MapServerAddress);
            _hosts.AddRange(shared);
            Port = shared[0].LocalEndpoint.Port;
            var (rootHost, nodeHost, serverHost) = (shared[0], shared[1], shared[2]);

            Root = new DdtNode(
                DdtNodeOptions.Root(
                    new DdtDelegation(EidPrefix.Parse("10.0.0.0/8"), DdtDelegationKind.DdtNode, [new DdtReferralTarget(DdtNodeAddress)]),
                    new DdtDelegation(EidPrefix.Parse("2001:db8::/32"), DdtDelegationKind.DdtNode, [new DdtReferralTarget(DdtNodeAddress)])),
                Senders(rootHost));
            Run(Root, [rootHost], split: false, "ddt-root");

            DdtNode = new DdtNode(
                new DdtNodeOptions
                {
                    AuthoritativePrefixes = [EidPrefix.Parse("10.0.0.0/8"), EidPrefix.Parse("2001:db8::/32")],
                    Delegations =
                    [
                        new DdtDelegation(SiteV4, DdtDelegationKind.MapServer, [new DdtReferralTarget(MapServerAddress)]),
                        new DdtDelegation(SiteV6, DdtDelegationKind.MapServer, [new DdtReferralTarget(MapServerAddress)]),
                        new DdtDelegation(SilentMapServerSpace, DdtDelegationKind.MapServer, [new DdtReferralTarget(SilentMapServerAddress)]),
                    ],
                },
                Senders(nodeHost));
            Run(DdtNode, [nodeHost], split: false, "ddt-node");

            MapServer = new Server(
                new MapServerOptions
                {
                    Sites =
                    [
                        new SiteOptions
                        {
                            Name = "integration",
                            Keys = [new SiteKeyOptions { KeyId = 0, Algorithm = AuthAlgorithm.HmacSha256_128, Password = SiteKey }],
                            AllowedPrefixes = [SiteV4, SiteV6],
                            AcceptMoreSpecifics = true,
                        },
                    ],
                    EtrControlPort = Etr.Port,
                },
                Senders(serverHost),
                TimeProvider.System,
                serverHost.LocalEndpoint);
            Run(MapServer, [serverHost], split: true, "map-server");

            _resolver4 = Bind(new IPEndPoint(ResolverAddress, 0));
            _resolver6 = Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            Resolver = new Resolver(
                new ResolverOptions
                {
                    DdtRoots = [new IPEndPoint(RootAddress, Port)],
                    ReferralPort = Port,
                    RetransmitTimeout = retransmitTimeout ?? PatientRetransmit,
                    AttemptsPerLocator = 2,
                },
                new EndpointGroup([_resolver4, _resolver6]),
                TimeProvider.System);
            Run(Resolver, [_resolver4, _resolver6], split: false, "map-resolver");

            foreach (var runner in _runners)
            {
                runner.Start();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The one port of the DDT root, the DDT node and the Map-Server.</summary>
    public int Port { get; }

    /// <summary>The site's ETR; the Map-Server forwards to its registered RLOCs at its port.</summary>
    public TestEtr Etr { get; }

    public DdtNode Root { get; }

    public DdtNode DdtNode { get; }

    public Server MapServer { get; }

    public Resolver Resolver { get; }

    public IPEndPoint MapServerEndpoint => new(MapServerAddress, Port);

    /// <summary>Where an ITR of <paramref name="family"/> sends its Map-Requests.</summary>
    public IPEndPoint ResolverEndpoint(AddressFamily family) =>
        (family == AddressFamily.InterNetwork ? _resolver4 : _resolver6).LocalEndpoint;

    /// <summary>No role threw while handling a datagram or a timer.</summary>
    public void AssertNoRoleErrors() => Assert.All(_runners, r => Assert.True(r.RoleErrors == 0, $"{r.Options.Name}: {r.RoleErrors} role errors"));

    /// <summary>Every role's non-zero counters, queue and socket statistics and pending requests: the failure message of a lost answer.</summary>
    public string Describe()
    {
        static string NonZero(IReadOnlyDictionary<string, long> counters) =>
            string.Join(", ", counters.Where(c => c.Value != 0).Select(c => $"{c.Key}={c.Value}"));

        var lines = new List<string>
        {
            $"ddt-root: {NonZero(Root.Counters.Snapshot())}",
            $"ddt-node: {NonZero(DdtNode.Counters.Snapshot())}",
            $"map-server: {NonZero(MapServer.Counters.ToDictionary())}",
            $"map-resolver: {NonZero(Resolver.Counters.Snapshot())}; pending: {string.Join("; ", Resolver.PendingRequests)}",
            $"etr: {Etr.Forwarded.Count} forwarded request(s)",
        };
        lines.AddRange(_runners.Select(r =>
            $"runner {r.Options.Name}: resolution {r.ResolutionEnqueued}/{r.ResolutionProcessed}/{r.ResolutionDropped}, registration {r.RegistrationEnqueued}/{r.RegistrationProcessed}/{r.RegistrationDropped} (queued/processed/dropped), {r.RoleErrors} role errors"));
        lines.AddRange(_hosts.Concat(Etr.Hosts).Select(h => $"socket {h.LocalEndpoint}: received {h.Received}, sent {h.Sent}, send errors {h.SendErrors}"));
        return string.Join(Environment.NewLine, lines);
    }

    public void Dispose()
    {
        LoopbackPorts.StopReceivingAll(Etr is null ? _hosts : _hosts.Concat(Etr.Hosts));
        foreach (var runner in _runners)
        {
            runner.Dispose();
        }

        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        MapServer?.Dispose();
        Etr?.Dispose();
    }

    private UdpEndpointHost Bind(IPEndPoint endpoint)
    {
        var host = UdpEndpointHost.Bind(endpoint);
        _hosts.Add(host);
        return host;
    }

    /// <summary>
    /// As <c>LociNode</c> does: the role's own socket plus a send-only IPv6 socket, so a role bound to
    /// 127.0.50.x can still reach an IPv6 ETR or ITR (the Map-Server forwards to a registered [::1] RLOC).
    /// </summary>
    private EndpointGroup Senders(UdpEndpointHost listening) =>
        new([listening, Bind(new IPEndPoint(IPAddress.IPv6Any, 0))]);

    private void Run(IRole role, UdpEndpointHost[] hosts, bool split, string name) =>
        _runners.Add(new RoleRunner(role, hosts, new RoleRunnerOptions { SplitRegistration = split, Name = name }));
}
