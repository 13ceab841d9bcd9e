using System.Net;
using System.Net.Sockets;
using Loci.Prefixes;
using Loci.Tests.Oracle;
using Loci.Wire;

namespace Loci.Tests.Xtr;

/// <summary>
/// Datagrams of an <see cref="XtrExchange"/> written to a pcap (<see cref="OracleCapture"/>, UDP to 4342
/// over IPv4 or IPv6 as the datagram went) and decoded by tshark, with the oracle tests' checks on
/// each frame: no malformed marker, no error or warning expert item, good checksums, the expected
/// layers, and every field tshark shows agreeing with what Loci parses from the same bytes
/// (<see cref="TsharkExpect"/>). tshark missing fails the test: run .ci/install-test-deps.sh.
/// Then gives the frames by label, with accessors for the fields the xTR tests check by value.
/// </summary>
internal sealed class XtrCapture
{
    private readonly Dictionary<string, TsharkNode> _frames;

    private XtrCapture(Dictionary<string, TsharkNode> frames) => _frames = frames;

    public TsharkNode this[string label] => _frames[label];

    public static XtrCapture Decode(IReadOnlyList<SentDatagram> datagrams)
    {
        Assert.NotEmpty(datagrams);
        using var capture = new OracleCapture("xtr");
        foreach (var datagram in datagrams)
        {
            capture.AddControl(datagram.Label, datagram.Message, datagram.Bytes, ipv6: datagram.Destination.AddressFamily == AddressFamily.InterNetworkV6);
        }

        var frames = Tshark.Decode(capture.Close());
        Assert.Equal(datagrams.Count, frames.Count);
        var failures = new List<string>();
        for (var i = 0; i < frames.Count; i++)
        {
            var packet = capture.Packets[i];
            var expect = new TsharkExpect(failures, $"#{i + 1} {packet.Label}");
            expect.NoDecodingProblems(frames[i]);
            var outer = packet.OuterIPv6 ? "ipv6" : "ip";
            string[] layers = packet.Message is EncapsulatedControlMessage ecm
                ? ["frame", "raw", outer, "udp", "lisp", ecm.IsIPv6 ? "ipv6" : "ip", "udp", "lisp"]
                : ["frame", "raw", outer, "udp", "lisp"];
            expect.Layers(frames[i], layers);
            expect.Message(frames[i], packet.Message!, packet.Bytes);
        }

        Assert.True(failures.Count == 0, $"tshark disagrees with the xTR's datagrams ({capture.Path}):\n{string.Join('\n', failures.Take(50))}");
        return new XtrCapture(datagrams.Select((d, i) => (d.Label, Frame: frames[i])).ToDictionary(f => f.Label, f => f.Frame));
    }

    /// <summary>The LISP layer of a frame; with <paramref name="inner"/>, the Map-Request inside an ECM.</summary>
    public static TsharkNode Lisp(TsharkNode frame, bool inner = false)
    {
        var lisp = frame.Children("lisp").ToList();
        var index = inner ? 1 : 0;
        Assert.True(lisp.Count > index, $"{lisp.Count} lisp layer(s), no {(inner ? "inner" : "outer")} one");
        return lisp[index];
    }

    /// <summary>The first value of <paramref name="field"/> anywhere under <paramref name="node"/>, or null.</summary>
    public static string? Value(TsharkNode node, string field) => node.Descendants(field).FirstOrDefault()?.Value;

    public static long? Number(TsharkNode node, string field) => (long?)TsharkNode.ParseNumber(Value(node, field));

    /// <summary>The EID-prefixes of a Map-Request's records, as tshark shows them.</summary>
    public static List<EidPrefix> RequestPrefixes(TsharkNode lisp) =>
        [.. lisp.Children("lisp.mreq.record").Select(r => Prefix(r, "lisp.mreq.record.prefix", "lisp.mreq.record.prefix.length"))];

    /// <summary>The EID-prefixes of a Map-Reply's or Map-Register's records, as tshark shows them.</summary>
    public static List<EidPrefix> MappingPrefixes(TsharkNode lisp) =>
        [.. lisp.Children("lisp.mapping").Select(m => Prefix(m, "lisp.mapping.eid", "lisp.mapping.eid.masklen"))];

    /// <summary>The locators of the record for <paramref name="prefix"/>: address and the probed (p) bit.</summary>
    public static List<(IPAddress Rloc, bool Probed)> Locators(TsharkNode lisp, EidPrefix prefix) =>
        [.. lisp.Children("lisp.mapping")
            .Single(m => Prefix(m, "lisp.mapping.eid", "lisp.mapping.eid.masklen") == prefix)
            .Children("lisp.loc")
            .Select(l => (IPAddress.Parse(Value(l, "lisp.loc.locator") ?? "?"), Number(l, "lisp.loc.flags.probe") == 1))];

    public static List<IPAddress> ItrRlocs(TsharkNode lisp) =>
        [.. lisp.Children("lisp.mreq.itr_rloc").Select(r => Address(r, "lisp.mreq.itr_rloc"))];

    public static IPAddress SourceEid(TsharkNode lisp) => Address(lisp, "lisp.mreq.srceid");

    /// <summary>The value of an address field tshark names <c>x.ipv4</c>, <c>x_ipv4</c>, <c>x.ipv6</c> or <c>x_ipv6</c>.</summary>
    private static IPAddress Address(TsharkNode container, string prefix)
    {
        var text = container.Items.FirstOrDefault(n => n.Value is not null && (n.Name == prefix + ".ipv4" || n.Name == prefix + "_ipv4" || n.Name == prefix + ".ipv6" || n.Name == prefix + "_ipv6"))?.Value;
        Assert.True(text is not null && IPAddress.TryParse(text, out _), $"no {prefix} address in tshark's tree:\n{container}");
        return IPAddress.Parse(text);
    }

    private static EidPrefix Prefix(TsharkNode container, string addressPrefix, string lengthField)
    {
        var length = container.Number(lengthField);
        Assert.True(length is <= 128, $"no {lengthField} in tshark's tree:\n{container}");
        return EidPrefix.FromIPAddress(Address(container, addressPrefix), (int)length.Value);
    }
}
