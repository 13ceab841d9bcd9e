namespace Loci.Capture;

/// <summary>
/// Reads classic pcap (both byte orders, microsecond and nanosecond magic) and pcapng (SHB, IDB,
/// EPB, SPB and the obsolete PB; per-interface link type and timestamp resolution; both byte orders,
/// several sections). It never throws on a damaged file: <see cref="TryRead"/> returns false and
/// <see cref="Error"/> says what is wrong and at which file offset; frames before it stay valid.
/// </summary>
internal sealed partial class PcapReader : IDisposable
{
    /// <summary>Larger per-packet or per-block lengths are taken as corruption, not as data (libpcap caps at 256 KiB; leave room).</summary>
    public const int MaxRecordLength = 64 * 1024 * 1024;

    private const uint PcapMagicMicro = 0xA1B2_C3D4;
    private const uint PcapMagicNano = 0xA1B2_3C4D;
    private const uint PcapNgSectionHeader = 0x0A0D_0D0A;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _isPcapNg;
    private byte[] _buffer = new byte[65_536];
    private long _position;
    private long _frameCount;

    private PcapReader(Stream stream, bool leaveOpen, bool isPcapNg)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _isPcapNg = isPcapNg;
    }

    /// <summary>Why reading stopped early, or null at a clean end of file.</summary>
    public string? Error { get; private set; }

    /// <summary>"pcap" or "pcapng".</summary>
    public string Format => _isPcapNg ? "pcapng" : "pcap";

    /// <summary>True when the first four bytes are a pcap or pcapng magic number.</summary>
    public static bool IsCapture(ReadOnlySpan<byte> start)
    {
        if (start.Length < 4)
        {
            return false;
        }

        var le = CaptureBytes.U32(start, bigEndian: false);
        var be = CaptureBytes.U32(start, bigEndian: true);
        return be is PcapMagicMicro or PcapMagicNano or PcapNgSectionHeader || le is PcapMagicMicro or PcapMagicNano;
    }

    /// <summary>Opens a capture; false with <paramref name="error"/> when the header is not one this reader understands.</summary>
    public static bool TryOpen(Stream stream, bool leaveOpen, out PcapReader? reader, out string? error)
    {
        ArgumentNullException.ThrowIfNull(stream);
        reader = null;
        Span<byte> magic = stackalloc byte[4];
        if (CaptureBytes.ReadFully(stream, magic) < 4 || !IsCapture(magic))
        {
            error = "not a pcap or pcapng capture (unknown magic number)";
            return false;
        }

        var ng = CaptureBytes.U32(magic, bigEndian: true) == PcapNgSectionHeader;
        var candidate = new PcapReader(stream, leaveOpen, ng) { _position = 4 };
        var ok = ng ? candidate.TryOpenNg(magic) : candidate.TryOpenClassic(magic);
        if (!ok)
        {
            error = candidate.Error;
            candidate.Dispose();
            return false;
        }

        reader = candidate;
        error = null;
        return true;
    }

    /// <summary>Reads the next frame; false at the end of the file or at the first damage (see <see cref="Error"/>).</summary>
    public bool TryRead(out CaptureFrame frame)
    {
        frame = default;
        if (Error is not null)
        {
            return false;
        }

        return _isPcapNg ? TryReadNg(out frame) : TryReadClassic(out frame);
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private bool Fail(long offset, string reason)
    {
        Error ??= $"at byte {offset}: {reason}";
        return false;
    }

    /// <summary>Reads <paramref name="count"/> bytes into the shared buffer at <paramref name="at"/>; the count actually read.</summary>
    private int Fill(int at, int count)
    {
        if (_buffer.Length < at + count)
        {
            Array.Resize(ref _buffer, Math.Max(at + count, _buffer.Length * 2));
        }

        var read = CaptureBytes.ReadFully(_stream, _buffer.AsSpan(at, count));
        _position += read;
        return read;
    }
}
