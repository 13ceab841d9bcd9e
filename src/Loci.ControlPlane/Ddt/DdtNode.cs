using Loci.Prefixes;
using Loci.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loci.ControlPlane.Ddt;

/// <summary>
/// A LISP-DDT node (RFC 8111 §7.1), sans-I/O: it answers DDT-originated Map-Requests (an ECM with the
/// D bit, RFC 8111 §6.3) with a Map-Referral sent to the DDT client, i.e. the ECM's outer source
/// (RFC 8111 §7.1), nonce copied from the Map-Request. Per request record:
/// <list type="bullet">
/// <item>a delegation covers the EID: NODE-REFERRAL (child DDT nodes) or MS-REFERRAL (Map-Servers)
/// with the delegated prefix and its referral set (§7.1.1);</item>
/// <item>an authoritative prefix covers it but no delegation: DELEGATION-HOLE with the least-specific
/// prefix that overlaps no delegation, cut to the authoritative prefix (§7.1.2);</item>
/// <item>otherwise NOT-AUTHORITATIVE, incomplete bit set, TTL 0 (§7.1.3, §6.4.1).</item>
/// </list>
/// The configuration is static (RFC 8111 §3: "a statically defined distribution of the EID namespace").
/// </summary>
public sealed class DdtNode : IRole
{
    private readonly IDatagramSender _sender;
    private readonly ILogger _logger;
    private readonly EidTable<DdtDelegation> _delegations = new();
    private readonly EidTable<EidPrefix> _authoritative = new();
    private readonly byte[] _buffer = new byte[ushort.MaxValue];

    /// <exception cref="ArgumentException">The options are invalid (<see cref="DdtNodeOptions.Validate"/>).</exception>
    public DdtNode(DdtNodeOptions options, IDatagramSender sender, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sender);
        options.ThrowIfInvalid();
        Options = options;
        _sender = sender;
        _logger = logger ?? NullLogger.Instance;
        foreach (var prefix in options.AuthoritativePrefixes)
        {
            _authoritative.Set(prefix, prefix);
        }

        foreach (var delegation in options.Delegations)
        {
            _delegations.Set(delegation.Prefix, delegation);
        }
    }

    public DdtNodeOptions Options { get; }

    public DdtNodeCounters Counters { get; } = new();

    /// <summary>The authoritative prefixes, for the management API.</summary>
    public IReadOnlyList<EidPrefix> AuthoritativePrefixes => Options.AuthoritativePrefixes;

    /// <summary>The delegations in address order, for the management API.</summary>
    public IReadOnlyList<DdtDelegation> Delegations => _delegations.Current.Entries.Select(e => e.Value).ToList();

    public void Receive(in InboundDatagram datagram)
    {
        Counters.Increment(DdtNodeCounter.DatagramsReceived);
        if (!LispMessage.TryParse(datagram.Payload, out var message, out var error))
        {
            Counters.Increment(DdtNodeCounter.Malformed);
            DdtNodeLog.Malformed(_logger, datagram.Payload.Length, datagram.Source, error);
            return;
        }

        if (message is not EncapsulatedControlMessage { Inner: MapRequest request } ecm || request.Records.Count == 0)
        {
            Counters.Increment(DdtNodeCounter.Unsupported);
            DdtNodeLog.Unsupported(_logger, message.Type, datagram.Source, "not an ECM holding a Map-Request with a record");
            return;
        }

        // RFC 8111 §6.3: only a DDT client sets D; anything else is not a DDT query (an ITR that
        // mistook this node for a Map-Resolver): counted and dropped rather than answered in a
        // language the sender does not expect.
        if (!ecm.DdtOriginated)
        {
            Counters.Increment(DdtNodeCounter.NotDdtOriginated);
            DdtNodeLog.Unsupported(_logger, message.Type, datagram.Source, "an ECM without the D bit (not a DDT query)");
            return;
        }

        var records = new List<ReferralRecord>(request.Records.Count);
        foreach (var record in request.Records)
        {
            if (!EidConversions.TryToPrefix(record.EidPrefix, record.MaskLength, out var eid))
            {
                Counters.Increment(DdtNodeCounter.Unsupported);
                DdtNodeLog.Unsupported(_logger, message.Type, datagram.Source, "an EID that is not an IPv4 or IPv6 prefix");
                return;
            }

            var answer = Answer(eid);
            Counters.Increment(answer.Action switch
            {
                ReferralAction.NodeReferral => DdtNodeCounter.NodeReferrals,
                ReferralAction.MsReferral => DdtNodeCounter.MsReferrals,
                ReferralAction.DelegationHole => DdtNodeCounter.DelegationHoles,
                _ => DdtNodeCounter.NotAuthoritative,
            });
            records.Add(answer);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                DdtNodeLog.Answered(_logger, eid, datagram.Source, answer.Action, answer.Prefix, request.Nonce); // Prefix is formatted text
            }
        }

        var referral = new MapReferral(request.Nonce, records.ToArray());
        var length = referral.WriteTo(_buffer);
        _sender.Send(datagram.Source, _buffer.AsSpan(0, length));
        Counters.Increment(DdtNodeCounter.MapReferralsSent);
    }

    /// <summary>A DDT node has no timers: its configuration is static.</summary>
    public void OnTimer()
    {
    }

    /// <summary>The referral record for one requested EID-prefix (RFC 8111 §7.1.1 to §7.1.3). Pure: counts nothing, sends nothing.</summary>
    public ReferralRecord Answer(EidPrefix eid)
    {
        var ttls = Options.Ttls;
        if (!_authoritative.TryLookup(eid, out _, out var authority))
        {
            return Record(eid, ttls.NotAuthoritative, ReferralAction.NotAuthoritative, [], authoritative: false, incomplete: true);
        }

        if (_delegations.TryLookup(eid, out var delegated, out var delegation))
        {
            var isNode = delegation.Kind == DdtDelegationKind.DdtNode;
            var locators = delegation.Targets.Select(t => t.ToLocatorRecord()).ToArray();
            return isNode
                ? Record(delegated, ttls.NodeReferral, ReferralAction.NodeReferral, locators, authoritative: true, incomplete: false)
                : Record(delegated, ttls.MsReferral, ReferralAction.MsReferral, locators, authoritative: true, incomplete: false);
        }

        // RFC 8111 §7.1.2: the least-specific prefix that matches no delegation, never wider than the
        // authoritative prefix the node answers for.
        if (_delegations.TryGetUncoveredBlock(eid, out var hole))
        {
            if (hole.Length < authority.Length)
            {
                hole = authority;
            }

            return Record(hole, ttls.DelegationHole, ReferralAction.DelegationHole, [], authoritative: true, incomplete: false);
        }

        // The request names a prefix that is wider than some delegation below it (e.g. 10.0.0.0/8 when
        // 10.1.0.0/16 is delegated): no single referral answers it. The RFC covers only EIDs that one
        // delegation or one hole contains, so the node says it cannot answer authoritatively.
        return Record(eid, ttls.NotAuthoritative, ReferralAction.NotAuthoritative, [], authoritative: false, incomplete: true);
    }

    private static ReferralRecord Record(EidPrefix prefix, uint ttl, ReferralAction action, LocatorRecord[] referrals, bool authoritative, bool incomplete)
    {
        var (address, mask) = EidConversions.ToWire(prefix);
        return new ReferralRecord(address, mask, ttl, action, referrals, authoritative, incomplete);
    }
}
