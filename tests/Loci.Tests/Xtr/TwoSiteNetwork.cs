using System.Net;
using Loci.ControlPlane;
using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.MapServers;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Tests.Node;
using Loci.Transport;
using Loci.Wire;
using Resolver = Loci.ControlPlane.MapResolvers.MapResolver;
using ResolverOptions = Loci.ControlPlane.MapResolvers.MapResolverOptions;
using Server = Loci.ControlPlane.MapServers.MapServer;

namespace Loci.Tests.Xtr;

/// <summary>
/// Two LISP sites and a DDT mapping system on loopback, every role the real one on real UDP sockets:
/// <code>
///   DDT root     127.0.60.1   0.0.0.0/0, ::/0  -> 10.0.0.0/8, 2001:db8::/32 to the DDT node
///   DDT node     127.0.60.2   10.0.0.0/8, 2001:db8::/32 -> 10.61.0.0/16, 10.62.0.0/16, 2001:db8:62::/48 to the Map-Server
///   Map-Server   127.0.60.3   sites "site-a" (HMAC-SHA-1-96, key ID 1) and "site-b" (HMAC-SHA-256-128, key ID 0)
///   Map-Resolver 127.0.60.4   DDT mode, root 127.0.60.1
///   xTR A        127.0.60.11  ETR for 10.61.0.0/16; ITR with RLOC 127.0.60.11, Map-Resolver 127.0.60.4
///   xTR B        127.0.60.21 and 127.0.60.22 (multihomed)
///                             ETR for 10.62.0.0/16 and 2001:db8:62::/48 at 127.0.60.21, proxy-reply off
/// </code>
/// Map-Referral locators and SMR destinations carry no port (RFC 8111 §6.4, RFC 9301 §6.1), so every
/// role listens on one ephemeral port (<see cref="Port"/>) on its own 127.0.60.x address (Linux routes
/// all of 127/8 to lo); the Map-Resolver's ReferralPort, the Map-Server's EtrControlPort, the ETRs'
/// SmrPort and the ITRs' ControlPort and LocatorControlPort are that port. The addresses are this
/// folder's own (the demo uses 127.0.0.x, the mapping-chain tests 127.0.50.x), and two networks side
/// by side differ by port.
/// <para>
/// Retransmission timers are 3 s instead of 1 s (Map-Resolver, ITR, ETR SMRs): a loopback exchange
/// takes milliseconds, and on a machine stalled by a parallel test run a 1 s timer could fire while the
/// answer is on its way, adding a second exchange to the counters the tests compare. A lost datagram
/// would still be sent again well within the tests' 5 s waits.
/// </para>
/// </summary>
internal sealed class TwoSiteNetwork : IDisposable
{
    public const string SiteAKey = "xtr-site-a-key";
    public const string SiteBKey = "xtr-site-b-key";
    public const byte SiteAKeyId = 1;
    public const byte SiteBKeyId = 0;

    public static readonly IPAddress RootAddress = IPAddress.Parse("127.0.60.1");
    public static readonly IPAddress DdtNodeAddress = IPAddress.Parse("127.0.60.2");
    public static readonly IPAddress MapServerAddress = IPAddress.Parse("127.0.60.3");
    public static readonly IPAddress ResolverAddress = IPAddress.Parse("127.0.60.4");
    public static readonly IPAddress SiteARloc = IPAddress.Parse("127.0.60.11");
    public static readonly IPAddress SiteBRloc = IPAddress.Parse("127.0.60.21");

    /// <summary>Site B's second uplink: bound from the start, in the mapping only after the move.</summary>
    public static readonly IPAddress SiteBNewRloc = IPAddress.Parse("127.0.60.22");

    public static readonly EidPrefix SiteAPrefix = EidPrefix.Parse("10.61.0.0/16");
    public static readonly EidPrefix SiteBV4 = EidPrefix.Parse("10.62.0.0/16");
    public static readonly EidPrefix SiteBV6 = EidPrefix.Parse("2001:db8:62::/48");

    public static readonly UInt128 SiteAXtrId = UInt128.Parse("61616161616161616161");
    public static readonly UInt128 SiteBXtrId = UInt128.Parse("62626262626262626262");

    private static readonly TimeSpan Retransmit = TimeSpan.FromSeconds(3);

    private readonly List<UdpEndpointHost> _hosts = [];
    private readonly List<RoleRunner> _runners = [];

    public TwoSiteNetwork()
    {
        try
        {
            _hosts.AddRange(LoopbackPorts.BindOnOnePort(RootAddress, DdtNodeAddress, MapServerAddress, ResolverAddress, SiteARloc, SiteBRloc, SiteBNewRloc));
            Port = _hosts[0].LocalEndpoint.Port;
            var (rootHost, nodeHost, serverHost, resolverHost) = (_hosts[0], _hosts[1], _hosts[2], _hosts[3]);

            Root = new DdtNode(
                DdtNodeOptions.Root(
                    new DdtDelegation(EidPrefix.Parse("10.0.0.0/8"), DdtDelegationKind.DdtNode, [new DdtReferralTarget(DdtNodeAddress)]),
                    new DdtDelegation(EidPrefix.Parse("2001:db8::/32"), DdtDelegationKind.DdtNode, [new DdtReferralTarget(DdtNodeAddress)])),
                rootHost);
            Run(Root, rootHost, split: false, "ddt-root");

            DdtNode = new DdtNode(
                new DdtNodeOptions
                {
                    AuthoritativePrefixes = [EidPrefix.Parse("10.0.0.0/8"), EidPrefix.Parse("2001:db8::/32")],
                    Delegations =
                    [
                        new DdtDelegation(SiteAPrefix, DdtDelegationKind.MapServer, [new DdtReferralTarget(MapServerAddress)]),
                        new DdtDelegation(SiteBV4, DdtDelegationKind.MapServer, [new DdtReferralTarget(MapServerAddress)]),
                        new DdtDelegation(SiteBV6, DdtDelegationKind.MapServer, [new DdtReferralTarget(MapServerAddress)]),
                    ],
                },
                nodeHost);
            Run(DdtNode, nodeHost, split: false, "ddt-node");

            MapServer = new Server(
                new MapServerOptions
                {
                    Sites =
                    [
                        Site("site-a", SiteAKeyId, AuthAlgorithm.HmacSha1_96, SiteAKey, SiteAPrefix),
                        Site("site-b", SiteBKeyId, AuthAlgorithm.HmacSha256_128, SiteBKey, SiteBV4, SiteBV6),
                    ],
                    EtrControlPort = Port,
                },
                serverHost,
                TimeProvider.System,
                serverHost.LocalEndpoint);
            Run(MapServer, serverHost, split: true, "map-server");

            Resolver = new Resolver(
                new ResolverOptions
                {
                    DdtRoots = [new IPEndPoint(RootAddress, Port)],
                    ReferralPort = Port,
                    RetransmitTimeout = Retransmit,
                    AttemptsPerLocator = 2,
                },
                resolverHost,
                TimeProvider.System);
            Run(Resolver, resolverHost, split: false, "map-resolver");

            SiteA = new XtrSite(
                "xtr-a",
                [_hosts[4]],
                EtrFor(SiteAXtrId, SiteAKeyId, AuthAlgorithm.HmacSha1_96, SiteAKey, Mapping(SiteAPrefix, SiteARloc)),
                ItrFor(SiteARloc));

            SiteB = new XtrSite(
                "xtr-b",
                [_hosts[5], _hosts[6]],
                EtrFor(SiteBXtrId, SiteBKeyId, AuthAlgorithm.HmacSha256_128, SiteBKey, Mapping(SiteBV4, SiteBRloc), Mapping(SiteBV6, SiteBRloc)),
                ItrFor(SiteBRloc));

            foreach (var runner in Runners)
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

    /// <summary>The one port every role of the network listens on.</summary>
    public int Port { get; }

    public DdtNode Root { get; }

    public DdtNode DdtNode { get; }

    public Server MapServer { get; }

    public Resolver Resolver { get; }

    public XtrSite SiteA { get; }

    public XtrSite SiteB { get; }

    public IPEndPoint MapServerEndpoint => new(MapServerAddress, Port);

    public IPEndPoint ResolverEndpoint => new(ResolverAddress, Port);

    /// <summary>A site's locator set: one RLOC of its own xTR (L bit, RFC 9301 §5.4), priority 1, weight 100.</summary>
    public static LocatorRecord[] Locators(IPAddress rloc) => [new LocatorRecord(new InetAddress(rloc), Priority: 1, Weight: 100, Local: true)];

    /// <summary>
    /// Waits (bounded) until both ETRs' Map-Registers are confirmed by verified Map-Notifies: only
    /// then does the Map-Server forward Map-Requests for their prefixes.
    /// </summary>
    public async Task WaitForRegistrations() =>
        Assert.True(
            await XtrAssert.Eventually(() => SiteA.Etr.AllRegistered && SiteB.Etr.AllRegistered),
            $"the ETRs did not register within {XtrAssert.Wait}:{Environment.NewLine}{Describe()}");

    /// <summary>No role threw while handling a datagram or a timer.</summary>
    public void AssertNoRoleErrors() =>
        Assert.All(Runners, r => Assert.True(r.RoleErrors == 0, $"{r.Options.Name}: {r.RoleErrors} role errors"));

    /// <summary>Every role's non-zero counters and every socket's statistics: the failure message of a lost exchange.</summary>
    public string Describe()
    {
        static string NonZero(IReadOnlyDictionary<string, long>? counters) =>
            counters is null ? "" : string.Join(", ", counters.Where(c => c.Value != 0).Select(c => $"{c.Key}={c.Value}"));

        var lines = new List<string>
        {
            $"port {Port}",
            $"ddt-root: {NonZero(Root?.Counters.Snapshot())}",
            $"ddt-node: {NonZero(DdtNode?.Counters.Snapshot())}",
            $"map-server: {NonZero(MapServer?.Counters.ToDictionary())}; registrations: {string.Join("; ", MapServer?.GetRegistrations() ?? [])}",
            $"map-resolver: {NonZero(Resolver?.Counters.Snapshot())}; pending: {string.Join("; ", Resolver?.PendingRequests ?? [])}",
        };
        lines.AddRange(new[] { SiteA, SiteB }.OfType<XtrSite>().Select(s => s.Describe()));
        lines.AddRange(Runners.Select(r =>
            $"runner {r.Options.Name}: {r.ResolutionProcessed + r.RegistrationProcessed} processed, {r.ResolutionDropped + r.RegistrationDropped} dropped, {r.RoleErrors} role errors"));
        lines.AddRange(_hosts.Select(h => $"socket {h.LocalEndpoint}: received {h.Received}, sent {h.Sent}, send errors {h.SendErrors}"));
        return string.Join(Environment.NewLine, lines);
    }

    public void Dispose()
    {
        LoopbackPorts.StopReceivingAll(_hosts);
        SiteA?.Dispose();
        SiteB?.Dispose();
        foreach (var runner in _runners)
        {
            runner.Dispose();
        }

        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        MapServer?.Dispose();
        Resolver?.Dispose();
    }

    /// <summary>The mapping system's runners, then the xTRs'.</summary>
    private IEnumerable<RoleRunner> Runners => _runners.Concat(new[] { SiteA, SiteB }.OfType<XtrSite>().Select(s => s.Runner));

    private static SiteOptions Site(string name, byte keyId, AuthAlgorithm algorithm, string password, params EidPrefix[] prefixes) => new()
    {
        Name = name,
        Keys = [new SiteKeyOptions { KeyId = keyId, Algorithm = algorithm, Password = password }],
        AllowedPrefixes = prefixes,
    };

    private static EtrPrefixOptions Mapping(EidPrefix prefix, IPAddress rloc) => new() { Prefix = prefix, Locators = Locators(rloc) };

    private EtrOptions EtrFor(UInt128 xtrId, byte keyId, AuthAlgorithm algorithm, string password, params EtrPrefixOptions[] database) => new()
    {
        MapServers = [new EtrMapServerOptions { Name = "ms", Address = MapServerEndpoint, KeyId = keyId, Algorithm = algorithm, Password = password }],
        Database = database,
        XtrId = xtrId,
        SiteId = 0x5173,
        SmrPort = Port,
        SmrInterval = Retransmit,
    };

    private ItrOptions ItrFor(IPAddress rloc) => new()
    {
        MapResolvers = [ResolverEndpoint],
        Rlocs = [rloc],
        ControlPort = Port,
        LocatorControlPort = Port,
        RetransmitInterval = Retransmit,

        // No RLOC-probing: the map-cache may change only through Map-Replies to this ITR's requests.
        ProbeInterval = TimeSpan.Zero,
    };

    private void Run(IRole role, UdpEndpointHost host, bool split, string name) =>
        _runners.Add(new RoleRunner(role, [host], new RoleRunnerOptions { SplitRegistration = split, Name = name }));
}
