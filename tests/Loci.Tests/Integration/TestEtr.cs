using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Loci.ControlPlane;
using Loci.Diagnostics;
using Loci.Prefixes;
using Loci.Tests.Node;
using Loci.Transport;
using Loci.Wire;

namespace Loci.Tests.Integration;

/// <summary>
/// The ETR of the test site: a plain UDP socket on 127.0.51.1 and one on [::1], both on one ephemeral
/// port (the Map-Server forwards to a registered RLOC at its single EtrControlPort, whatever the
/// family). It registers EID-prefixes with a real Map-Register (HMAC-SHA-256, proxy-reply off,
/// want-map-notify) and answers each Map-Request the Map-Server forwards to it (ECM with E) with an
/// authoritative Map-Reply sent to the first ITR-RLOC at the inner UDP source port (RFC 9301 §5.5,
/// §6.1), from its socket of that RLOC's family. It records every forwarded request.
/// </summary>
internal sealed class TestEtr : IDisposable
{
    public const uint MappingTtlMinutes = 10;

    public static readonly IPAddress Ipv4Rloc = IPAddress.Parse("127.0.51.1");
    public static readonly IPAddress Ipv6Rloc = IPAddress.IPv6Loopback;

    /// <summary>A worse-priority RLOC of every mapping where nothing listens: the Map-Server must forward to the best one (RFC 9301 §5.4).</summary>
    public static readonly IPAddress BackupRloc = IPAddress.Parse("127.0.51.9");

    private static readonly TimeSpan NotifyWait = TimeSpan.FromSeconds(4);

    private readonly List<UdpEndpointHost> _hosts;
    private readonly EndpointGroup _senders;
    private readonly ConcurrentDictionary<EidPrefix, EidRecord> _database = new();
    private readonly ConcurrentDictionary<EidPrefix, bool> _silent = new();
    private readonly ConcurrentQueue<ForwardedRequest> _forwarded = new();
    private readonly BlockingCollection<byte[]> _notifies = [];

    public TestEtr()
    {
        _hosts = LoopbackPorts.BindOnOnePort(Ipv4Rloc, Ipv6Rloc);
        _senders = new EndpointGroup(_hosts);
        foreach (var host in _hosts)
        {
            host.Start(OnDatagram);
        }
    }

    public int Port => _hosts[0].LocalEndpoint.Port;

    /// <summary>The two sockets, for a shutdown together with the rest of the system.</summary>
    public IReadOnlyList<UdpEndpointHost> Hosts => _hosts;

    public IReadOnlyList<ForwardedRequest> Forwarded => [.. _forwarded];

    public static IPAddress Rloc(AddressFamily family) => family == AddressFamily.InterNetwork ? Ipv4Rloc : Ipv6Rloc;

    /// <summary>The ETR's socket of <paramref name="family"/>.</summary>
    public IPEndPoint Endpoint(AddressFamily family) => _hosts.Single(h => h.AddressFamily == family).LocalEndpoint;

    /// <summary>
    /// Registers <paramref name="prefix"/> at <paramref name="rloc"/> (priority 1) and <see cref="BackupRloc"/>
    /// (priority 2) with the Map-Server, from the IPv4 socket, and waits for the Map-Notify, which must
    /// carry the nonce and records and verify with the site key (RFC 9301 §5.7). From then on the ETR
    /// answers for the prefix with that mapping, or stays silent when <paramref name="answers"/> is false.
    /// </summary>
    /// <returns>The mapping the ETR registered and answers with.</returns>
    public EidRecord Register(IPEndPoint mapServer, EidPrefix prefix, IPAddress rloc, bool answers = true)
    {
        var (address, mask) = EidConversions.ToWire(prefix);
        var mapping = new EidRecord(
            address,
            mask,
            MappingTtlMinutes,
            new[] { new LocatorRecord(new InetAddress(rloc), Priority: 1, Weight: 100), new LocatorRecord(new InetAddress(BackupRloc), Priority: 2, Weight: 100) },
            authoritative: true);
        _database[prefix] = mapping;
        if (!answers)
        {
            _silent[prefix] = true;
        }

        using var key = AuthenticationKey.FromPassword(LoopbackMappingSystem.SiteKey, AuthAlgorithm.HmacSha256_128, keyId: 0);
        var nonce = ProbeSocket.NewNonce();
        var register = new MapRegister(nonce, new[] { mapping }) { ProxyReply = false, WantMapNotify = true };
        var signed = register.ToSignedArray(key);
        var ipv4 = _hosts.Single(h => h.AddressFamily == AddressFamily.InterNetwork);

        // Map-Registers are retransmitted until a Map-Notify comes (RFC 9301 §5.7); on loopback one is enough unless the machine stalls.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            ipv4.Send(mapServer, signed);
            if (TryTakeNotify(nonce, out var datagram))
            {
                Assert.Equal(AuthResult.Valid, key.Verify(datagram));
                using var otherKey = AuthenticationKey.FromPassword("not-the-site-key", AuthAlgorithm.HmacSha256_128, keyId: 0);
                Assert.NotEqual(AuthResult.Valid, otherKey.Verify(datagram));
                var notify = Assert.IsType<MapNotify>(LispMessage.Parse(datagram));
                Assert.Equal(register.Records, notify.Records);
                return mapping;
            }
        }

        throw new TimeoutException($"No Map-Notify from {mapServer} for {prefix}.");
    }

    public void Dispose()
    {
        LoopbackPorts.StopReceivingAll(_hosts);
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _notifies.Dispose();
    }

    private bool TryTakeNotify(ulong nonce, out byte[] datagram)
    {
        var deadline = DateTime.UtcNow + NotifyWait;
        while (DateTime.UtcNow < deadline && _notifies.TryTake(out datagram!, deadline - DateTime.UtcNow))
        {
            if (LispMessage.TryParse(datagram, out var message, out _) && message is MapNotify notify && notify.Nonce == nonce)
            {
                return true;
            }
        }

        datagram = [];
        return false;
    }

    /// <summary>Runs on the receive thread of either socket.</summary>
    private void OnDatagram(in InboundDatagram datagram)
    {
        if (!LispMessage.TryParse(datagram.Payload, out var message, out _))
        {
            return;
        }

        if (message is MapNotify)
        {
            _notifies.Add(datagram.Payload.ToArray());
            return;
        }

        if (message is not EncapsulatedControlMessage { ToEtr: true, Inner: MapRequest request } ecm)
        {
            return;
        }

        _forwarded.Enqueue(new ForwardedRequest(ecm, request, datagram.Local, datagram.Source));
        if (request.Records.Count == 0
            || !EidConversions.TryToPrefix(request.Records[0].EidPrefix, request.Records[0].MaskLength, out var eid)
            || Lookup(eid) is not { } match
            || _silent.ContainsKey(match.Key))
        {
            return;
        }

        // RFC 9301 §5.5, §6.1: to an ITR-RLOC (the first one) at the port the Map-Request came from (the inner UDP header).
        var itrRloc = request.ItrRlocs.OfType<InetAddress>().FirstOrDefault()?.Ip ?? ecm.InnerSource;
        var reply = new MapReply(request.Nonce, new[] { match.Value });
        _senders.Send(new IPEndPoint(itrRloc, ecm.InnerSourcePort), reply.ToArray());
    }

    private KeyValuePair<EidPrefix, EidRecord>? Lookup(EidPrefix eid)
    {
        KeyValuePair<EidPrefix, EidRecord>? best = null;
        foreach (var entry in _database)
        {
            if (entry.Key.Contains(eid) && (best is null || entry.Key.Length > best.Value.Key.Length))
            {
                best = entry;
            }
        }

        return best;
    }
}
