using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Loci.Wire;

namespace Loci.Capture;

/// <summary>
/// Writes a classic libpcap capture file (the "tcpdump" format, magic <c>0xa1b2c3d4</c>, version 2.4,
/// microsecond timestamps, little-endian headers) that Wireshark, tshark and tcpdump read.
/// <para>
/// Link type: <see cref="LinkTypeRaw"/> (LINKTYPE_RAW, 101): every record is a bare IPv4 or IPv6
/// packet, the version nibble tells which. No made-up Ethernet addresses are needed, and LISP is
/// an IP-level protocol anyway.
/// </para>
/// <para>
/// <see cref="WriteUdp"/> wraps a payload in an IPv4 header (no options, DF set, TTL 64, a
/// per-file identification counter) or an IPv6 header (hop limit 64, no extension headers) plus a
/// UDP header whose checksum is always computed (RFC 768; RFC 8200 §8.1; a LISP ECM's outer
/// checksum must be non-zero, RFC 9301 §5.8). Control messages go to UDP 4342, data-plane packets
/// to 4341 (<see cref="LispPorts"/>); the caller chooses the ports through the endpoints.
/// </para>
/// <para>
/// Valid input never throws. Timestamps outside the 32-bit seconds range of the format
/// (1970-01-01 to 2106-02-07) are clamped to its ends. Arguments that cannot make a packet (a null
/// endpoint, mixed address families, a payload beyond the 16-bit IP length fields) raise
/// <see cref="ArgumentException"/>. Writes are serialised by a lock, so one writer may be shared by
/// several threads; each record reaches the stream in a single <see cref="Stream.Write(ReadOnlySpan{byte})"/>.
/// </para>
/// </summary>
internal sealed class PcapWriter : IDisposable, IAsyncDisposable
{
    /// <summary>LINKTYPE_RAW: the packet starts with an IPv4 or IPv6 header.</summary>
    public const uint LinkTypeRaw = 101;

    /// <summary>Snapshot length announced in the file header; no packet this writer makes is longer.</summary>
    public const int SnapLength = 262_144;

    /// <summary>Largest UDP payload in an IPv4 packet: 65535 - 20 (IPv4) - 8 (UDP).</summary>
    public const int MaxIPv4UdpPayload = ushort.MaxValue - Ipv4HeaderLength - UdpHeaderLength;

    /// <summary>Largest UDP payload in an IPv6 packet without jumbograms: 65535 - 8 (UDP).</summary>
    public const int MaxIPv6UdpPayload = ushort.MaxValue - UdpHeaderLength;

    private const uint Magic = 0xA1B2_C3D4;
    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private const int Ipv4HeaderLength = 20;
    private const int Ipv6HeaderLength = 40;
    private const int UdpHeaderLength = 8;
    private const byte UdpProtocol = 17;
    private const byte DefaultTtl = 64;
    private const long MaxSeconds = uint.MaxValue;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Lock _gate = new();
    private byte[] _buffer = new byte[2048];
    private ushort _ipv4Identification;
    private long _packetCount;
    private bool _disposed;

    /// <summary>Starts a capture on <paramref name="stream"/> by writing the 24-byte file header.</summary>
    /// <param name="stream">A writable stream; positioned where the file starts.</param>
    /// <param name="leaveOpen">When true, <see cref="Dispose"/> flushes but does not dispose the stream.</param>
    public PcapWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The capture stream must be writable.", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        Span<byte> header = stackalloc byte[FileHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeRaw);
        _stream.Write(header);
    }

    /// <summary>Number of packet records written so far.</summary>
    public long PacketCount
    {
        get
        {
            lock (_gate)
            {
                return _packetCount;
            }
        }
    }

    /// <summary>
    /// Writes one UDP datagram from <paramref name="source"/> to <paramref name="destination"/>,
    /// inside an IPv4 or IPv6 header (the family of the endpoints; IPv4-mapped IPv6 addresses count as IPv4).
    /// </summary>
    public void WriteUdp(DateTimeOffset time, IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload) =>
        WriteUdpCore(time, source, destination, default, payload);

    /// <summary>
    /// Writes a LISP data-plane packet (RFC 9300 §5.3): UDP to the endpoints (normally destination
    /// port 4341) carrying the 8-byte LISP header followed by <paramref name="innerPacket"/>, the
    /// encapsulated IP packet as it is.
    /// </summary>
    public void WriteLispData(DateTimeOffset time, IPEndPoint source, IPEndPoint destination, in LispDataHeader header, ReadOnlySpan<byte> innerPacket)
    {
        Span<byte> lispHeader = stackalloc byte[LispDataHeader.Length];
        header.WriteTo(lispHeader);
        WriteUdpCore(time, source, destination, lispHeader, innerPacket);
    }

    /// <summary>Writes a packet that already starts with its IPv4 or IPv6 header, as it is.</summary>
    public void WritePacket(DateTimeOffset time, ReadOnlySpan<byte> ipPacket)
    {
        if (ipPacket.Length > SnapLength)
        {
            throw new ArgumentException($"A packet of {ipPacket.Length} bytes exceeds the snapshot length {SnapLength}.", nameof(ipPacket));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var record = Rent(RecordHeaderLength + ipPacket.Length);
            ipPacket.CopyTo(record[RecordHeaderLength..]);
            WriteRecord(time, record);
        }
    }

    /// <summary>Builds IP + UDP around <paramref name="prefix"/> followed by <paramref name="rest"/>, without copying either first.</summary>
    private void WriteUdpCore(DateTimeOffset time, IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> rest)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var sourceIp = Normalize(source.Address);
        var destinationIp = Normalize(destination.Address);
        if (sourceIp.AddressFamily != destinationIp.AddressFamily)
        {
            throw new ArgumentException($"Source {source} and destination {destination} are of different address families.", nameof(destination));
        }

        var isIPv4 = sourceIp.AddressFamily == AddressFamily.InterNetwork;
        var payloadLength = prefix.Length + rest.Length;
        var maxPayload = isIPv4 ? MaxIPv4UdpPayload : MaxIPv6UdpPayload;
        if (payloadLength > maxPayload)
        {
            throw new ArgumentException($"A UDP payload of {payloadLength} bytes does not fit one {(isIPv4 ? "IPv4" : "IPv6")} packet (at most {maxPayload}).", nameof(rest));
        }

        var ipHeaderLength = isIPv4 ? Ipv4HeaderLength : Ipv6HeaderLength;
        var udpLength = UdpHeaderLength + payloadLength;
        var packetLength = ipHeaderLength + udpLength;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var record = Rent(RecordHeaderLength + packetLength);
            var packet = record.Slice(RecordHeaderLength, packetLength);
            var udp = packet[ipHeaderLength..];
            BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
            BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destination.Port);
            BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
            BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
            prefix.CopyTo(udp[UdpHeaderLength..]);
            rest.CopyTo(udp[(UdpHeaderLength + prefix.Length)..]);
            BinaryPrimitives.WriteUInt16BigEndian(udp[6..], InternetChecksum.ComputeUdp(sourceIp, destinationIp, udp));
            if (isIPv4)
            {
                WriteIPv4Header(packet, sourceIp, destinationIp, packetLength, _ipv4Identification++);
            }
            else
            {
                WriteIPv6Header(packet, sourceIp, destinationIp, udpLength);
            }

            WriteRecord(time, record);
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                _stream.Flush();
            }
            finally
            {
                if (!_leaveOpen)
                {
                    _stream.Dispose();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        try
        {
            await _stream.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            if (!_leaveOpen)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>RFC 791 header without options; DF set because these datagrams are never fragments.</summary>
    private static void WriteIPv4Header(Span<byte> packet, IPAddress source, IPAddress destination, int totalLength, ushort identification)
    {
        var header = packet[..Ipv4HeaderLength];
        header[0] = 0x45;
        header[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], 0x4000);
        header[8] = DefaultTtl;
        header[9] = UdpProtocol;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0);
        source.TryWriteBytes(header[12..16], out _);
        destination.TryWriteBytes(header[16..20], out _);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
    }

    /// <summary>RFC 8200 fixed header: traffic class and flow label 0, next header UDP.</summary>
    private static void WriteIPv6Header(Span<byte> packet, IPAddress source, IPAddress destination, int payloadLength)
    {
        var header = packet[..Ipv6HeaderLength];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x6000_0000);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)payloadLength);
        header[6] = UdpProtocol;
        header[7] = DefaultTtl;
        source.TryWriteBytes(header[8..24], out _);
        destination.TryWriteBytes(header[24..40], out _);
    }

    /// <summary>Fills the 16-byte record header in front of the packet and writes both.</summary>
    private void WriteRecord(DateTimeOffset time, Span<byte> record)
    {
        var packetLength = (uint)(record.Length - RecordHeaderLength);
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.Clamp(ticks / TimeSpan.TicksPerSecond, 0, MaxSeconds);
        var microseconds = ticks < 0 ? 0 : ticks / TimeSpan.TicksPerMicrosecond % 1_000_000;
        if (ticks / TimeSpan.TicksPerSecond > MaxSeconds)
        {
            microseconds = 999_999;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)microseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], packetLength);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], packetLength);
        _stream.Write(record);
        _packetCount++;
    }

    private Span<byte> Rent(int length)
    {
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        return _buffer.AsSpan(0, length);
    }
}
