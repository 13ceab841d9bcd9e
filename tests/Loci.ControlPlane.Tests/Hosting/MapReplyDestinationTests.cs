using System.Net;
using Loci.Wire;
using Loci.Wire.Tests.Support;

namespace Loci.ControlPlane.Tests.Hosting;

/// <summary>The allocation-free reply-destination choice must pick what the rule, written plainly on the model, picks.</summary>
public class MapReplyDestinationTests
{
    private static readonly IPEndPoint[] Sources =
    [
        new(IPAddress.Parse("192.0.2.10"), 4342),
        new(IPAddress.Parse("192.0.2.10"), 61000),
        new(IPAddress.Parse("2001:db8::10"), 4342),
        new(IPAddress.Parse("::ffff:192.0.2.10"), 50000),
    ];

    [Fact]
    public void ViewChoice_RandomRequests_SameAsModelChoice()
    {
        var random = new RandomModels(51);
        var cache = new EndpointCache();
        for (var i = 0; i < 2000; i++)
        {
            var source = Sources[i % Sources.Length];
            var request = random.MapRequest();
            if (i % 3 == 0)
            {
                request = request with { ItrRlocs = new[] { (LispAddress)new InetAddress(source.Address) } };
            }

            var ecm = i % 2 == 0 ? null : random.Ecm() with { Inner = request };
            var expected = ModelChoice(request, ecm, source);

            var bytes = ((LispMessage?)ecm ?? request).ToArray();
            IPEndPoint actual;
            if (ecm is null)
            {
                Assert.True(MapRequestView.TryParse(bytes, out var view, out _));
                actual = MapReplyDestination.For(view, false, default, source, cache);
            }
            else
            {
                Assert.True(EcmView.TryParse(bytes, out var ecmView, out _));
                Assert.True(MapRequestView.TryParse(ecmView.Inner, out var view, out _));
                actual = MapReplyDestination.For(view, true, ecmView, source, cache);
            }

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void NativeRequestFromItsItrRloc_AnswersTheSourceInstance()
    {
        var source = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 61000);
        var request = new MapRequest(7, LispAddress.None, new LispAddress[] { new InetAddress(source.Address) }, new[] { new MapRequestRecord(new InetAddress(IPAddress.Parse("10.1.0.7")), 32) });
        Assert.True(MapRequestView.TryParse(request.ToArray(), out var view, out _));

        Assert.Same(source, MapReplyDestination.For(view, false, default, source, new EndpointCache()));
    }

    [Fact]
    public void EndpointCache_SameKey_SameInstance_OtherKeys_Distinct()
    {
        var cache = new EndpointCache();
        var first = cache.Get([192, 0, 2, 1], 4342);
        Assert.Same(first, cache.Get([192, 0, 2, 1], 4342));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 4342), first);

        var otherPort = cache.Get([192, 0, 2, 1], 4343);
        Assert.Equal(4343, otherPort.Port);

        var v6 = IPAddress.Parse("::c000:201").GetAddressBytes(); // same low 32 bits as 192.0.2.1
        Assert.Equal(IPAddress.Parse("::c000:201"), cache.Get(v6, 4342).Address);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), cache.Get([192, 0, 2, 1], 4342).Address);
    }

    [Fact]
    public void EndpointCache_UpToFourRequestersTakingTurns_NeverEvictEachOther()
    {
        // Even when all four hash to one set, its four ways hold them (a direct-mapped cache evicted
        // whichever two shared a slot, on every turn). The hash seed changes per process, so this
        // holds whatever the keys' placement.
        var cache = new EndpointCache();
        var first = Enumerable.Range(0, EndpointCache.Ways).Select(i => cache.Get([10, 0, 0, (byte)i], 4342 + i)).ToArray();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < EndpointCache.Ways; i++)
            {
                Assert.Same(first[i], cache.Get([10, 0, 0, (byte)i], 4342 + i));
            }
        }
    }

    /// <summary>
    /// The reference: RFC 9301 §5.2's choice written on the model (the roles' code before it moved to
    /// the views). An ITR-RLOC of the arrival family, else any IPv4/IPv6 one, else the ECM's inner
    /// source, else the datagram's; the ECM's inner source port, else the datagram's; 0 means 4342.
    /// </summary>
    private static IPEndPoint ModelChoice(MapRequest request, EncapsulatedControlMessage? ecm, IPEndPoint source)
    {
        var family = MapReplyDestination.Normalize(source.Address).AddressFamily;
        IPAddress? chosen = null;
        foreach (var rloc in request.ItrRlocs)
        {
            if (rloc is not InetAddress { Ip: var ip })
            {
                continue;
            }

            ip = MapReplyDestination.Normalize(ip);
            if (ip.AddressFamily == family)
            {
                chosen = ip;
                break;
            }

            chosen ??= ip;
        }

        chosen ??= ecm?.InnerSource ?? MapReplyDestination.Normalize(source.Address);
        var port = ecm is null ? source.Port : ecm.InnerSourcePort;
        return new IPEndPoint(chosen, port == 0 ? LispPorts.ControlPlane : port);
    }
}
