using System.Net;
using Loci.Capture;
using Loci.Wire;

namespace Loci.Tests.Oracle;

/// <summary>
/// A pcap file in the temp directory being filled through <see cref="PcapWriter"/>, remembering
/// what each packet should decode to. Deleted on dispose unless LOCI_KEEP_ORACLE_PCAPS is set.
/// </summary>
public sealed class OracleCapture : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly FileStream _file;
    private readonly PcapWriter _writer;
    private readonly List<CapturedMessage> _packets = [];
    private bool _closed;

    public OracleCapture(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"loci-oracle-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}.pcap");
        _file = new FileStream(Path, FileMode.CreateNew, FileAccess.Write);
        _writer = new PcapWriter(_file);
    }

    public string Path { get; }

    public IReadOnlyList<CapturedMessage> Packets => _packets;

    /// <summary>Adds a control message (UDP to 4342) with its encoding (signed bytes for authenticated messages).</summary>
    public void AddControl(string label, LispMessage message, byte[]? bytes = null, bool ipv6 = false)
    {
        var encoded = bytes ?? message.ToArray();
        var index = _packets.Count;
        var (source, destination) = Endpoints(index, ipv6, LispPorts.ControlPlane);
        _writer.WriteUdp(Start.AddMilliseconds(index), source, destination, encoded);
        _packets.Add(new CapturedMessage(label, message, null, encoded, ipv6));
    }

    /// <summary>Adds a data-plane packet (UDP to 4341): the LISP header and the inner IP packet.</summary>
    public void AddData(string label, LispDataHeader header, byte[] innerPacket, bool ipv6 = false)
    {
        var index = _packets.Count;
        var (source, destination) = Endpoints(index, ipv6, LispPorts.DataPlane);
        _writer.WriteLispData(Start.AddMilliseconds(index), source, destination, header, innerPacket);
        _packets.Add(new CapturedMessage(label, null, header, innerPacket, ipv6));
    }

    /// <summary>Closes the file so external tools can read all of it.</summary>
    public string Close()
    {
        if (!_closed)
        {
            _closed = true;
            _writer.Dispose();
        }

        return Path;
    }

    public void Dispose()
    {
        Close();
        if (Environment.GetEnvironmentVariable("LOCI_KEEP_ORACLE_PCAPS") is null)
        {
            File.Delete(Path);
        }
    }

    private static (IPEndPoint Source, IPEndPoint Destination) Endpoints(int index, bool ipv6, int port)
    {
        var sourcePort = 40_000 + (index % 20_000);
        return ipv6
            ? (new IPEndPoint(IPAddress.Parse("2001:db8:ffff::1"), sourcePort), new IPEndPoint(IPAddress.Parse("2001:db8:ffff::2"), port))
            : (new IPEndPoint(IPAddress.Parse("192.0.2.254"), sourcePort), new IPEndPoint(IPAddress.Parse("198.51.100.254"), port));
    }
}
