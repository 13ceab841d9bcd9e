using System.Net;
using Loci.ControlPlane.Tests.Support;
using Loci.ControlPlane.Xtr;
using Loci.Prefixes;
using Loci.Wire;
using ItrRole = Loci.ControlPlane.Xtr.Itr;

namespace Loci.ControlPlane.Tests.Xtr.Itr;

/// <summary>An ITR on a manual clock with a recording sender, and builders for what it receives.</summary>
internal sealed class ItrHarness
{
    public static readonly IPEndPoint Mr1 = new(IPAddress.Parse("192.0.2.101"), 4342);
    public static readonly IPEndPoint Mr2 = new(IPAddress.Parse("192.0.2.102"), 4342);
    public static readonly IPAddress RlocV4 = IPAddress.Parse("198.51.100.1");
    public static readonly IPAddress RlocV6 = IPAddress.Parse("2001:db8:ffff::1");
    public static readonly IPEndPoint RemoteEtr = new(IPAddress.Parse("203.0.113.10"), 4342);

    /// <summary>Inner UDP source port of the ITR's Map-Requests; not 4342, so a test can tell it from the destination port.</summary>
    public const int ControlPort = 40_342;

    public ItrHarness(Func<ItrOptions, ItrOptions>? configure = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var options = new ItrOptions
        {
            MapResolvers = [Mr1, Mr2],
            Rlocs = [RlocV4, RlocV6],
            ControlPort = ControlPort,
            ProbeInterval = TimeSpan.Zero,
        };
        Itr = new ItrRole(configure?.Invoke(options) ?? options, Sender, Clock, logger);
    }

    public RecordingSender Sender { get; } = new();

    public ManualTimeProvider Clock { get; } = new();

    public ItrRole Itr { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public long this[ItrCounter counter] => Itr.Counters[counter];

    public void Tick() => Itr.OnTimer();

    /// <summary>Moves the clock in 50 ms steps, calling OnTimer after each, as the host does.</summary>
    public void Run(TimeSpan duration)
    {
        var step = TimeSpan.FromMilliseconds(50);
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += step)
        {
            Clock.Advance(duration - elapsed < step ? duration - elapsed : step);
            Itr.OnTimer();
        }
    }

    public void Deliver(LispMessage message, IPEndPoint? from = null) => Deliver(message.ToArray(), from);

    public void Deliver(byte[] payload, IPEndPoint? from = null) =>
        Itr.Receive(new InboundDatagram(payload, from ?? RemoteEtr, new IPEndPoint(RlocV4, ControlPort)));

    /// <summary>The ECM Map-Requests sent so far, parsed.</summary>
    public IReadOnlyList<SentRequest> Requests =>
        Sender.Messages
            .Where(m => m.Message is EncapsulatedControlMessage)
            .Select(m => new SentRequest(m.Destination, (EncapsulatedControlMessage)m.Message, Assert.IsType<MapRequest>(((EncapsulatedControlMessage)m.Message).Inner)))
            .ToList();

    /// <summary>The native Map-Requests sent (RLOC-probes), parsed.</summary>
    public IReadOnlyList<(IPEndPoint Destination, MapRequest Request)> NativeRequests =>
        Sender.Messages.Where(m => m.Message is MapRequest).Select(m => (m.Destination, (MapRequest)m.Message)).ToList();

    /// <summary>A lookup miss for <paramref name="eid"/>, then the timer that sends its Map-Request; returns the request.</summary>
    public SentRequest Miss(string eid)
    {
        var before = Requests.Count;
        Assert.Equal(ItrLookupOutcome.Miss, Itr.Lookup(EidPrefix.Parse(eid)).Outcome);
        Tick();
        var requests = Requests;
        Assert.Equal(before + 1, requests.Count);
        return requests[^1];
    }

    /// <summary>Resolves <paramref name="eid"/> with a reply carrying <paramref name="records"/>.</summary>
    public void Resolve(string eid, params EidRecord[] records)
    {
        var request = Miss(eid);
        Deliver(Reply(request.Request.Nonce, records));
    }

    public static MapReply Reply(ulong nonce, params EidRecord[] records) => new(nonce, records);

    public static EidRecord Positive(string prefix, uint ttlMinutes, params (string Rloc, byte Priority, byte Weight)[] locators) =>
        Record(prefix, ttlMinutes, locators.Select(l => new LocatorRecord(new InetAddress(IPAddress.Parse(l.Rloc)), l.Priority, l.Weight)).ToArray(), MapReplyAction.NoAction);

    public static EidRecord Negative(string prefix, uint ttlMinutes, MapReplyAction action) =>
        Record(prefix, ttlMinutes, [], action);

    public static EidRecord Record(string prefix, uint ttlMinutes, LocatorRecord[] locators, MapReplyAction action)
    {
        var (address, mask) = EidConversions.ToWire(EidPrefix.Parse(prefix));
        return new EidRecord(address, mask, ttlMinutes, locators, action, authoritative: locators.Length > 0);
    }

    /// <summary>A Solicit-Map-Request as an ETR sends it (RFC 9301 §6.1), natively to the ITR's RLOC.</summary>
    public static MapRequest Smr(string recordEid, string? sourceEid = null)
    {
        var (address, mask) = EidConversions.ToWire(EidPrefix.Parse(recordEid));
        LispAddress source = sourceEid is null ? LispAddress.None : new InetAddress(IPAddress.Parse(sourceEid));
        return new MapRequest(0x5151_5151_5151_5151, source, new LispAddress[] { new InetAddress(RemoteEtr.Address) }, new[] { new MapRequestRecord(address, mask) })
        {
            SolicitMapRequest = true,
        };
    }

    public MapCacheEntry? Entry(string prefix) =>
        Itr.MapCacheSnapshot.TryGetValue(EidPrefix.Parse(prefix), out var entry) ? entry : null;
}

/// <summary>One ECM Map-Request as sent: the outer destination, the ECM and its inner Map-Request.</summary>
internal sealed record SentRequest(IPEndPoint Destination, EncapsulatedControlMessage Ecm, MapRequest Request);
